package io.decisioning.service.bench;

import io.decisioning.testing.LdapServer;
import io.decisioning.testing.OidcProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What signing in with the company's identity provider adds to a pre-bind check, side by side in one run on one
 * service: the same checks at the same rate signed in with HTTP Basic as a user of the service's own, with a bearer
 * token of an OpenID Connect provider (Spring Authorization Server, started here), and with HTTP Basic as a user of
 * an LDAP directory (UnboundID's, started here), in rounds (basic, oidc, ldap, basic, oidc, ldap, ...) so that the
 * machine's drift spreads over all three. Prints each phase's latency percentiles and, per check, the database's
 * statements and the service's CPU.
 *
 * <p>Run with {@code benchmarks/sign-in-latency.sh [rate=200] [seconds=20] [customers=10000] [rounds=2]}.
 */
public final class SignInLatencyBenchmark {

    public static void main(String[] args) throws Exception {
        int rate = BenchService.arg(args, 0, 200);
        int seconds = BenchService.arg(args, 1, 20);
        int customers = BenchService.arg(args, 2, 10_000);
        int rounds = BenchService.arg(args, 3, 2);
        try (OidcProvider provider = OidcProvider.start(); LdapServer directory = LdapServer.start()) {
            ConfigurableApplicationContext app = BenchService.start(Path.of("target/bench-db/sign-in"), customers,
                    "--rules.security.oidc.issuer-uri=" + provider.issuer(),
                    "--rules.security.ldap.url=" + directory.url(),
                    "--rules.security.ldap.base=" + LdapServer.BASE,
                    "--rules.security.ldap.manager-dn=" + LdapServer.MANAGER_DN,
                    "--rules.security.ldap.manager-password=" + LdapServer.MANAGER_PASSWORD,
                    "--rules.security.ldap.group-base=ou=groups," + LdapServer.BASE,
                    "--rules.security.ldap.group-roles.underwriting=UNDERWRITER",
                    "--rules.security.ldap.branch-attribute=departmentNumber");
            try {
                int port = BenchService.port(app);
                JdbcClient jdbc = app.getBean(JdbcClient.class);
                List<String> numbers = jdbc.sql("SELECT customer_no FROM customer ORDER BY id").query(String.class).list();
                SplittableRandom random = new SplittableRandom(42);
                List<String> bodies = new ArrayList<>();
                for (int i = 0; i < rate * seconds; i++) {
                    bodies.add("{\"customerNo\":\"" + numbers.get(random.nextInt(numbers.size())) + "\"}");
                }
                Map<String, String> signIns = new LinkedHashMap<>();
                signIns.put("basic (own user)", basic("underwriter", "demo"));
                signIns.put("oidc (bearer token)", "Bearer " + provider.token("underwriter-hq"));
                signIns.put("ldap (directory user)", basic("zhao.lei", LdapServer.PASSWORD));
                Path work = Files.createDirectories(Path.of("target/bench-sign-in"));
                boolean first = true;
                for (int round = 1; round <= rounds; round++) {
                    for (Map.Entry<String, String> signIn : signIns.entrySet()) {
                        // the first phase warms the JIT up (20000 checks); the others only their own sign-in's path
                        LoadRun run = LoadRun.start(work, port, "/api/v1/checks/pre-bind", signIn.getValue(), bodies, rate,
                                seconds, first ? 20_000 : 2_000, first ? 10 : 3, false, 200);
                        first = false;
                        LoadRun.Costs costs = new LoadRun.Costs(jdbc, run);
                        run.go();
                        LoadRun.Result result = run.await();
                        System.out.printf("round %d, %s: requests %d, non-200 %d, errors %d%n  latency ms: %s%n", round,
                                signIn.getKey(), result.latenciesMicros().length, result.unexpected(), result.errors(),
                                result.percentiles());
                        costs.print(rate * seconds, "check", seconds);
                    }
                }
            } finally {
                app.close();
            }
        }
        System.exit(0);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
