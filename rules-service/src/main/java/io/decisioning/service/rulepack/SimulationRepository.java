package io.decisioning.service.rulepack;

import io.decisioning.service.identity.LinkingImpact;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Simulations kept with their versions (table rule_pack_simulation, V7; identity_impact, V17). */
@Repository
class SimulationRepository {

    private static final TypeReference<Map<String, Integer>> VERSIONS = new TypeReference<>() { };
    private static final TypeReference<List<Simulation.Transition>> TRANSITIONS = new TypeReference<>() { };
    private static final TypeReference<List<Simulation.Examples>> EXAMPLES = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SimulationRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Replaces the version's simulation with a RUNNING one. */
    void start(String pack, int version, Map<String, Integer> against, String user, Instant at, long customers) {
        jdbc.sql("DELETE FROM rule_pack_simulation WHERE pack = :pack AND version = :version")
                .param("pack", pack).param("version", version).update();
        jdbc.sql("""
                        INSERT INTO rule_pack_simulation (pack, version, status, against_versions, requested_by, started_at,
                            customers)
                        VALUES (:pack, :version, :status, :against, :user, :at, :customers)
                        """)
                .param("pack", pack)
                .param("version", version)
                .param("status", SimulationStatus.RUNNING.name())
                .param("against", json.writeValueAsString(new TreeMap<>(against)))
                .param("user", user)
                .param("at", BookRunColumns.utc(at))
                .param("customers", customers)
                .update();
    }

    void progress(String pack, int version, long processed, long changed, long failed) {
        jdbc.sql("""
                        UPDATE rule_pack_simulation SET processed = :processed, changed = :changed, failed = :failed
                         WHERE pack = :pack AND version = :version AND status = :running
                        """)
                .param("running", SimulationStatus.RUNNING.name())
                .param("processed", processed)
                .param("changed", changed)
                .param("failed", failed)
                .param("pack", pack)
                .param("version", version)
                .update();
    }

    void finish(String pack, int version, SimulationStatus status, long processed, long changed, @Nullable BigDecimal changedPremium,
                long failed, List<Simulation.Transition> transitions, List<Simulation.Examples> examples, @Nullable String error,
                Instant at) {
        finish(pack, version, status, processed, changed, changedPremium, failed, transitions, examples, error, null, at);
    }

    /** The same, with what a version of the identity pack would change in the book's parties. */
    void finish(String pack, int version, SimulationStatus status, long processed, long changed, @Nullable BigDecimal changedPremium,
                long failed, List<Simulation.Transition> transitions, List<Simulation.Examples> examples, @Nullable String error,
                @Nullable LinkingImpact identity, Instant at) {
        jdbc.sql("""
                        UPDATE rule_pack_simulation SET status = :status, processed = :processed, changed = :changed,
                               changed_premium = :changedPremium, failed = :failed, transitions = :transitions, examples = :examples, error = :error,
                               identity_impact = :identity, finished_at = :at
                         WHERE pack = :pack AND version = :version
                        """)
                .param("status", status.name())
                .param("processed", processed)
                .param("changed", changed)
                .param("changedPremium", changedPremium)
                .param("failed", failed)
                .param("transitions", json.writeValueAsString(transitions))
                .param("examples", json.writeValueAsString(examples))
                .param("identity", identity == null ? null : json.writeValueAsString(identity))
                .param("error", BookRunColumns.error(error))
                .param("at", BookRunColumns.utc(at))
                .param("pack", pack)
                .param("version", version)
                .update();
    }

    /** Whether the version has a simulation that finished without failures (publishing may require one). */
    boolean finished(String pack, int version) {
        return jdbc.sql("SELECT COUNT(*) FROM rule_pack_simulation WHERE pack = :pack AND version = :version AND status = :done")
                .param("done", SimulationStatus.DONE.name())
                .param("pack", pack)
                .param("version", version)
                .query(Integer.class)
                .single() > 0;
    }

    Optional<Simulation> find(String pack, int version) {
        return jdbc.sql("SELECT * FROM rule_pack_simulation WHERE pack = :pack AND version = :version")
                .param("pack", pack)
                .param("version", version)
                .query(this::simulation)
                .optional();
    }

    private Simulation simulation(ResultSet rs, int row) throws SQLException {
        String transitions = rs.getString("transitions");
        String examples = rs.getString("examples");
        String identity = rs.getString("identity_impact");
        return new Simulation(
                rs.getString("pack"),
                rs.getInt("version"),
                SimulationStatus.valueOf(rs.getString("status")),
                json.readValue(rs.getString("against_versions"), VERSIONS),
                rs.getString("requested_by"),
                BookRunColumns.instant(rs, "started_at"),
                BookRunColumns.instant(rs, "finished_at"),
                rs.getLong("customers"),
                rs.getLong("processed"),
                rs.getLong("changed"),
                rs.getBigDecimal("changed_premium"),
                rs.getLong("failed"),
                transitions == null ? List.of() : json.readValue(transitions, TRANSITIONS),
                examples == null ? List.of() : json.readValue(examples, EXAMPLES),
                rs.getString("error"),
                identity == null ? null : json.readValue(identity, LinkingImpact.class));
    }
}
