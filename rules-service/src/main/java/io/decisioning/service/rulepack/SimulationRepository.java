package io.decisioning.service.rulepack;

import io.decisioning.service.export.StreamingJdbc;
import io.decisioning.service.identity.LinkingImpact;
import io.decisioning.service.system.BranchScope;
import io.decisioning.service.system.BulkSql;
import io.decisioning.service.system.UserAccount;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcOperations;
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

    /** A change's values are cut to the column's length (a customer with very many warnings). */
    private static final int VALUE_LENGTH = 2000;
    private static final int DELETED_AT_ONCE = 10_000;

    private final JdbcClient jdbc;
    private final JdbcOperations operations;
    private final JdbcClient streaming;
    private final JsonMapper json;

    SimulationRepository(JdbcClient jdbc, JdbcOperations operations, StreamingJdbc streaming, JsonMapper json) {
        this.jdbc = jdbc;
        this.operations = operations;
        this.streaming = streaming.client();
        this.json = json;
    }

    /** Replaces the version's simulation with a RUNNING one, and forgets the changes the last one found. */
    void start(String pack, int version, Map<String, Integer> against, String user, Instant at, long customers) {
        jdbc.sql("DELETE FROM rule_pack_simulation WHERE pack = :pack AND version = :version")
                .param("pack", pack).param("version", version).update();
        while (jdbc.sql("DELETE FROM rule_pack_simulation_change WHERE pack = :pack AND version = :version LIMIT :limit")
                .param("pack", pack).param("version", version).param("limit", DELETED_AT_ONCE).update() == DELETED_AT_ONCE) {
            // in statements of a bounded size, so that a simulation that changed the whole book is forgotten in steps
        }
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

    /** A change found, as {@link #addChanges} keeps it. */
    static Object[] change(long customerId, String field, String from, String to, BigDecimal annualPremium) {
        return new Object[] {customerId, field, cut(from), cut(to), annualPremium};
    }

    /** Keeps the changes of a part of the book ({@link #change} rows). */
    void addChanges(String pack, int version, List<Object[]> changes) {
        List<Object[]> rows = changes.stream().map(change -> {
            Object[] row = new Object[change.length + 2];
            row[0] = pack;
            row[1] = version;
            System.arraycopy(change, 0, row, 2, change.length);
            return row;
        }).toList();
        BulkSql.insert(operations, """
                INSERT INTO rule_pack_simulation_change (pack, version, customer_id, field, from_value, to_value, annual_premium)
                VALUES""", 7, "", rows);
    }

    /** One page of the changes the version's simulation found that the user may see, by customer number. */
    List<Simulation.Change> changes(String pack, int version, ChangeFilter filter, UserAccount user, int page, int size) {
        return changed(jdbc, SELECT_CHANGES, pack, version, filter, user, " ORDER BY c.customer_no, s.id LIMIT :size OFFSET :offset")
                .param("size", size)
                .param("offset", (long) page * size)
                .query(SimulationRepository::change)
                .list();
    }

    long countChanges(String pack, int version, ChangeFilter filter, UserAccount user) {
        return changed(jdbc, "SELECT COUNT(*)", pack, version, filter, user, "").query(Long.class).single();
    }

    /** Every change of {@link #changes}, streamed from the database. */
    void forEachChange(String pack, int version, ChangeFilter filter, UserAccount user, Consumer<? super Simulation.Change> each) {
        StreamingJdbc.forEach(changed(streaming, SELECT_CHANGES, pack, version, filter, user, " ORDER BY c.customer_no, s.id"),
                SimulationRepository::change, each);
    }

    /** Which changes to list: of one field, from one value, to one value; each optional. */
    record ChangeFilter(@Nullable String field, @Nullable String from, @Nullable String to) {
    }

    private static final String SELECT_CHANGES = """
            SELECT c.customer_no, c.name, c.branch_code, s.field, s.from_value, s.to_value, s.annual_premium""";

    private static JdbcClient.StatementSpec changed(JdbcClient client, String select, String pack, int version,
                                                    ChangeFilter filter, UserAccount user, String rest) {
        return BranchScope.bind(client.sql(select + """
                         FROM rule_pack_simulation_change s JOIN customer c ON c.id = s.customer_id
                        WHERE s.pack = :pack AND s.version = :version
                          AND (:field IS NULL OR s.field = :field)
                          AND (:fromValue IS NULL OR s.from_value = :fromValue)
                          AND (:toValue IS NULL OR s.to_value = :toValue)
                          AND """ + BranchScope.visible("c") + rest), user)
                .param("pack", pack)
                .param("version", version)
                .param("field", filter.field(), Types.VARCHAR)
                .param("fromValue", filter.from(), Types.VARCHAR)
                .param("toValue", filter.to(), Types.VARCHAR);
    }

    private static Simulation.Change change(ResultSet rs, int row) throws SQLException {
        return new Simulation.Change(rs.getString("customer_no"), rs.getString("name"), rs.getString("branch_code"),
                rs.getString("field"), rs.getString("from_value"), rs.getString("to_value"), rs.getBigDecimal("annual_premium"));
    }

    private static String cut(String value) {
        return value.length() <= VALUE_LENGTH ? value : value.substring(0, VALUE_LENGTH - 1) + "\u2026";
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
