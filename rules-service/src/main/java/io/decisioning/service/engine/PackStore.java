package io.decisioning.service.engine;

import io.decisioning.rules.engine.PackSource;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Rule pack versions as the engine reads them: their files, and which version of each pack is
 * published. Kept in the database, so every node compiles the same rules. The lifecycle of versions
 * (drafts, tests, publishing) writes them through the rule-pack package.
 */
@Repository
public class PackStore {

    private final JdbcClient jdbc;

    PackStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The files of a stored version; empty when there is no such version. */
    public Optional<PackSource> source(String pack, int version) {
        boolean stored = jdbc.sql("SELECT COUNT(*) FROM rule_pack_version WHERE pack = :pack AND version = :version")
                .param("pack", pack)
                .param("version", version)
                .query(Integer.class)
                .single() > 0;
        return stored ? Optional.of(files(pack, version)) : Optional.empty();
    }

    /** The published version of every pack. */
    List<PackSource> published() {
        return publishedVersions().entrySet().stream().map(v -> files(v.getKey(), v.getValue())).toList();
    }

    /** The published version of each pack, by pack name: what every node polls for. */
    Map<String, Integer> publishedVersions() {
        Map<String, Integer> versions = new TreeMap<>();
        jdbc.sql("SELECT pack, version FROM rule_pack_version WHERE status = 'PUBLISHED'")
                .query((RowCallbackHandler) rs -> versions.put(rs.getString("pack"), rs.getInt("version")));
        return versions;
    }

    boolean hasVersions(String pack) {
        return jdbc.sql("SELECT COUNT(*) FROM rule_pack_version WHERE pack = :pack")
                .param("pack", pack).query(Integer.class).single() > 0;
    }

    /** Stores a shipped pack as its first, published version. */
    void insertPublished(PackSource source, String author, String comment, Instant at) {
        LocalDateTime time = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        long seq = jdbc.sql("SELECT COALESCE(MAX(publication_seq), 0) + 1 FROM rule_pack_version WHERE pack = :pack")
                .param("pack", source.name()).query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO rule_pack_version (pack, version, status, author, created_at, comment, valid,
                            published_by, published_at, publication_seq)
                        VALUES (:pack, :version, 'PUBLISHED', :author, :at, :comment, TRUE, :author, :at, :seq)
                        """)
                .param("seq", seq)
                .param("pack", source.name())
                .param("version", source.version())
                .param("author", author)
                .param("at", time)
                .param("comment", comment)
                .update();
        insertFiles(source.name(), source.version(), source.files());
    }

    /** Stores the files of a version whose row the caller inserted. */
    public void insertFiles(String pack, int version, Map<String, byte[]> files) {
        files.forEach((name, content) -> jdbc.sql("""
                        INSERT INTO rule_pack_file (pack, version, file_name, content)
                        VALUES (:pack, :version, :name, :content)
                        """)
                .param("pack", pack)
                .param("version", version)
                .param("name", name)
                .param("content", content)
                .update());
    }

    private PackSource files(String pack, int version) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        jdbc.sql("SELECT file_name, content FROM rule_pack_file WHERE pack = :pack AND version = :version ORDER BY file_name")
                .param("pack", pack)
                .param("version", version)
                .query((RowCallbackHandler) rs -> files.put(rs.getString("file_name"), rs.getBytes("content")));
        return new PackSource(pack, version, files);
    }
}
