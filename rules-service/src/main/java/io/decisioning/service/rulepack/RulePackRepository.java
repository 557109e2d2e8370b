package io.decisioning.service.rulepack;

import io.decisioning.rules.engine.PackSource;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rule pack versions and their files, kept in the database so that every node sees the same rules. */
@Repository
class RulePackRepository {

    private final JdbcClient jdbc;

    RulePackRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean hasVersions(String pack) {
        return jdbc.sql("SELECT COUNT(*) FROM rule_pack_version WHERE pack = :pack")
                .param("pack", pack).query(Integer.class).single() > 0;
    }

    /** Stores a shipped pack as its first, published version. */
    void insertPublished(PackSource source, String author, String comment, Instant at) {
        LocalDateTime time = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        jdbc.sql("""
                        INSERT INTO rule_pack_version (pack, version, status, author, created_at, comment, valid,
                            published_by, published_at)
                        VALUES (:pack, :version, 'PUBLISHED', :author, :at, :comment, TRUE, :author, :at)
                        """)
                .param("pack", source.name())
                .param("version", source.version())
                .param("author", author)
                .param("at", time)
                .param("comment", comment)
                .update();
        source.files().forEach((name, content) -> jdbc.sql("""
                        INSERT INTO rule_pack_file (pack, version, file_name, content)
                        VALUES (:pack, :version, :name, :content)
                        """)
                .param("pack", source.name())
                .param("version", source.version())
                .param("name", name)
                .param("content", content)
                .update());
    }

    /** The published version of every pack. */
    List<PackSource> published() {
        List<PackVersion> versions = jdbc.sql("""
                        SELECT pack, version FROM rule_pack_version WHERE status = 'PUBLISHED' ORDER BY pack
                        """)
                .query((rs, row) -> new PackVersion(rs.getString("pack"), rs.getInt("version")))
                .list();
        return versions.stream().map(this::source).toList();
    }

    private PackSource source(PackVersion version) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        jdbc.sql("SELECT file_name, content FROM rule_pack_file WHERE pack = :pack AND version = :version ORDER BY file_name")
                .param("pack", version.pack())
                .param("version", version.version())
                .query(rs -> {
                    files.put(rs.getString("file_name"), rs.getBytes("content"));
                });
        return new PackSource(version.pack(), version.version(), files);
    }

    private record PackVersion(String pack, int version) {
    }
}
