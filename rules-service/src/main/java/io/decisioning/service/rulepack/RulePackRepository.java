package io.decisioning.service.rulepack;

import io.decisioning.rules.engine.CompileError;
import io.decisioning.service.engine.PackStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Rule pack versions and their files, kept in the database so that every node sees the same rules. */
@Repository
class RulePackRepository {

    private static final String VERSION_COLUMNS = """
            pack, version, status, author, created_at, comment, valid, errors, lint, test_passed, test_failed, tested_at,
            published_by, published_at, publication_seq""";
    private static final TypeReference<List<CompileError>> ERRORS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final PackStore packs;

    RulePackRepository(JdbcClient jdbc, JsonMapper json, PackStore packs) {
        this.jdbc = jdbc;
        this.json = json;
        this.packs = packs;
    }

    List<String> packs() {
        return jdbc.sql("SELECT DISTINCT pack FROM rule_pack_version ORDER BY pack").query(String.class).list();
    }

    List<PackVersion> versions(String pack) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM rule_pack_version WHERE pack = :pack ORDER BY version")
                .param("pack", pack)
                .query(this::packVersion)
                .list();
    }

    Optional<PackVersion> version(String pack, int version) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM rule_pack_version WHERE pack = :pack AND version = :version")
                .param("pack", pack)
                .param("version", version)
                .query(this::packVersion)
                .optional();
    }

    /**
     * Locks the version's row of {@code rule_pack_version} for the caller's transaction, so that two requests to
     * run one version over the book (a simulation, a back-test) take turns to see whether one runs, on every node.
     */
    void lockVersion(String pack, int version) {
        jdbc.sql("SELECT version FROM rule_pack_version WHERE pack = :pack AND version = :version FOR UPDATE")
                .param("pack", pack)
                .param("version", version)
                .query(Integer.class)
                .list();
    }

    /** Locks every version of the pack (publish, rollback and new versions of one pack take turns). */
    List<PackVersion> lockPack(String pack) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM rule_pack_version WHERE pack = :pack ORDER BY version FOR UPDATE")
                .param("pack", pack)
                .query(this::packVersion)
                .list();
    }

    /** Stores a new DRAFT version (valid or not) with its files; the caller holds the pack's lock. */
    void insertDraft(String pack, int version, String author, Instant at, @Nullable String comment, boolean valid,
                     List<CompileError> errors, @Nullable String lint, Map<String, byte[]> files) {
        jdbc.sql("""
                        INSERT INTO rule_pack_version (pack, version, status, author, created_at, comment, valid, errors, lint)
                        VALUES (:pack, :version, :status, :author, :at, :comment, :valid, :errors, :lint)
                        """)
                .param("pack", pack)
                .param("status", VersionStatus.DRAFT.name())
                .param("version", version)
                .param("author", author)
                .param("at", utc(at))
                .param("comment", comment)
                .param("valid", valid)
                .param("errors", json.writeValueAsString(errors))
                .param("lint", lint)
                .update();
        packs.insertFiles(pack, version, files);
    }

    void saveTestRun(String pack, int version, int passed, int failed, String results, Instant at) {
        jdbc.sql("""
                        UPDATE rule_pack_version SET test_passed = :passed, test_failed = :failed, test_results = :results,
                               tested_at = :at
                         WHERE pack = :pack AND version = :version
                        """)
                .param("passed", passed)
                .param("failed", failed)
                .param("results", results)
                .param("at", utc(at))
                .param("pack", pack)
                .param("version", version)
                .update();
    }

    Optional<String> testResults(String pack, int version) {
        return jdbc.sql("SELECT test_results FROM rule_pack_version WHERE pack = :pack AND version = :version")
                .param("pack", pack)
                .param("version", version)
                .query(String.class)
                .optional();
    }

    /** Marks the version PUBLISHED as the latest publication of all (the caller holds the pack's lock). */
    void markPublished(String pack, int version, String by, Instant at) {
        long seq = jdbc.sql("SELECT COALESCE(MAX(publication_seq), 0) + 1 FROM rule_pack_version WHERE pack = :pack")
                .param("pack", pack).query(Long.class).single();
        jdbc.sql("""
                        UPDATE rule_pack_version SET status = :status, published_by = :by, published_at = :at,
                               publication_seq = :seq, retired_by = NULL, retired_at = NULL
                         WHERE pack = :pack AND version = :version
                        """)
                .param("status", VersionStatus.PUBLISHED.name())
                .param("by", by)
                .param("at", utc(at))
                .param("seq", seq)
                .param("pack", pack)
                .param("version", version)
                .update();
    }

    void markRetired(String pack, int version, String by, Instant at) {
        jdbc.sql("""
                        UPDATE rule_pack_version SET status = :status, retired_by = :by, retired_at = :at
                         WHERE pack = :pack AND version = :version
                        """)
                .param("status", VersionStatus.RETIRED.name())
                .param("by", by)
                .param("at", utc(at))
                .param("pack", pack)
                .param("version", version)
                .update();
    }

    private PackVersion packVersion(ResultSet rs, int row) throws SQLException {
        String errors = rs.getString("errors");
        return new PackVersion(
                rs.getString("pack"),
                rs.getInt("version"),
                VersionStatus.valueOf(rs.getString("status")),
                rs.getString("author"),
                instant(rs.getObject("created_at", LocalDateTime.class)),
                rs.getString("comment"),
                rs.getBoolean("valid"),
                errors == null ? List.of() : json.readValue(errors, ERRORS),
                rs.getString("lint"),
                (Integer) rs.getObject("test_passed", Integer.class),
                (Integer) rs.getObject("test_failed", Integer.class),
                instant(rs.getObject("tested_at", LocalDateTime.class)),
                rs.getString("published_by"),
                instant(rs.getObject("published_at", LocalDateTime.class)),
                (Long) rs.getObject("publication_seq", Long.class));
    }

    private static @Nullable Instant instant(@Nullable LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime utc(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }

}
