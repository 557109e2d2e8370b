package io.decisioning.service.rulepack;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Back-tests kept with their versions, each one a row (table rule_pack_backtest, V20). */
@Repository
class BacktestRepository {

    private static final TypeReference<Map<String, Integer>> VERSIONS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    BacktestRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A new RUNNING back-test; its id. */
    long start(String pack, int version, LocalDate asOf, int horizonDays, Map<String, Integer> against, String user,
               Instant at, long customers) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO rule_pack_backtest (pack, version, status, as_of, horizon_days, against_versions,
                            requested_by, started_at, customers)
                        VALUES (:pack, :version, :status, :asOf, :horizonDays, :against, :user, :at, :customers)
                        """)
                .param("pack", pack)
                .param("version", version)
                .param("status", BacktestStatus.RUNNING.name())
                .param("asOf", asOf)
                .param("horizonDays", horizonDays)
                .param("against", json.writeValueAsString(new TreeMap<>(against)))
                .param("user", user)
                .param("at", BookRunColumns.utc(at))
                .param("customers", customers)
                .update(key, "id");
        return key.getKey().longValue();
    }

    void progress(long id, long processed, long failed) {
        jdbc.sql("UPDATE rule_pack_backtest SET processed = :processed, failed = :failed WHERE id = :id AND status = :running")
                .param("running", BacktestStatus.RUNNING.name())
                .param("processed", processed)
                .param("failed", failed)
                .param("id", id)
                .update();
    }

    /** Ends a back-test: DONE with its figures, or FAILED with its error (and no figures). */
    void finish(long id, BacktestStatus status, long processed, long failed, Backtest.@Nullable Figures figures,
                @Nullable String error, Instant at) {
        jdbc.sql("""
                        UPDATE rule_pack_backtest SET status = :status, processed = :processed, failed = :failed,
                               figures = :figures, error = :error, finished_at = :at
                         WHERE id = :id
                        """)
                .param("status", status.name())
                .param("processed", processed)
                .param("failed", failed)
                .param("figures", figures == null ? null : json.writeValueAsString(figures))
                .param("error", BookRunColumns.error(error))
                .param("at", BookRunColumns.utc(at))
                .param("id", id)
                .update();
    }

    /** The version's latest back-test. */
    Optional<Backtest> latest(String pack, int version) {
        return jdbc.sql("""
                        SELECT * FROM rule_pack_backtest WHERE pack = :pack AND version = :version
                         ORDER BY id DESC LIMIT 1
                        """)
                .param("pack", pack)
                .param("version", version)
                .query(this::backtest)
                .optional();
    }

    private Backtest backtest(ResultSet rs, int row) throws SQLException {
        String figures = rs.getString("figures");
        return new Backtest(
                rs.getLong("id"),
                rs.getString("pack"),
                rs.getInt("version"),
                BacktestStatus.valueOf(rs.getString("status")),
                rs.getObject("as_of", LocalDate.class),
                rs.getInt("horizon_days"),
                json.readValue(rs.getString("against_versions"), VERSIONS),
                rs.getString("requested_by"),
                BookRunColumns.instant(rs, "started_at"),
                BookRunColumns.instant(rs, "finished_at"),
                rs.getLong("customers"),
                rs.getLong("processed"),
                rs.getLong("failed"),
                rs.getString("error"),
                figures == null ? null : json.readValue(figures, Backtest.Figures.class));
    }
}
