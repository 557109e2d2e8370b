package io.decisioning.service.duelist;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.export.StreamingJdbc;
import io.decisioning.service.system.BranchScope;
import io.decisioning.service.system.PersonalData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The due lists ({@code due_list}, {@code due_list_item}, {@code due_list_lock}): generated set-based from the CRM's
 * premium schedule and policies with the customers' stored assessments, read page by page or streamed whole, and the
 * salespeople's feedback.
 */
@Repository
class DueListRepository {

    /**
     * An item's key across generations of its month is kind, policy and instalment number (0 for a renewal): an item
     * listed before gets what is read now, with its id and feedback kept. An item whose values are all as before is not
     * written at all (MySQL and MariaDB leave a row set to its current values alone), so a regeneration costs little
     * more than a read where little changed.
     */
    private static final String UPSERT = """
            ON DUPLICATE KEY UPDATE customer_id = VALUES(customer_id),
                customer_no = VALUES(customer_no), party_no = VALUES(party_no), policy_no = VALUES(policy_no),
                due_date = VALUES(due_date), amount = VALUES(amount), tier = VALUES(tier), churn_score = VALUES(churn_score),
                account_manager = VALUES(account_manager), branch_code = VALUES(branch_code), reasons = VALUES(reasons)
            """;

    private static final String ITEM_COLUMNS = """
            INSERT INTO due_list_item (month, kind, policy_id, installment_no, customer_id, customer_no, party_no, policy_no,
                                       due_date, amount, tier, churn_score, account_manager, branch_code, reasons)
            """;

    /**
     * The DUE instalments falling due in the month, each with its policy, which must be the instalment's customer's: an
     * instalment whose policy is unknown or another customer's is left out (and counted: {@link #dueInstallments} less the instalments listed).
     * The month is read through its index (ix_premium_due_month), and from the index alone: since V22 it holds every
     * column read here. A plan that reads the table whole, which MariaDB picks when a month is a tenth of the rows or
     * so, costs what the table's years of history cost, the month's range what the month costs; and a month's rows are
     * spread over the whole table, so a reading that went to each row read most of its pages.
     */
    static final String INSTALLMENTS = ITEM_COLUMNS + """
            SELECT :month, 'INSTALLMENT', d.policy_id, d.installment_no, c.id, c.customer_no, pm.party_no,
                   p.policy_no, d.due_date, d.amount, a.tier, a.churn_score, c.account_manager, c.branch_code,
                   a.retention_reasons
              FROM premium_due d FORCE INDEX (ix_premium_due_month)
              JOIN policy p ON p.id = d.policy_id AND p.customer_id = d.customer_id
              JOIN customer c ON c.id = p.customer_id
              LEFT JOIN assessment a ON a.customer_id = c.id
              LEFT JOIN party_member pm ON pm.customer_id = c.id
             WHERE d.due_date >= :first AND d.due_date < :end AND d.status = 'DUE'
            """ + UPSERT;

    /**
     * The ACTIVE policies ending in the month, to be renewed: the premium is the amount. Read through the end-date index
     * (V18's ix_policy_end_date) for the reason given at {@link #INSTALLMENTS}.
     */
    static final String RENEWALS = ITEM_COLUMNS + """
            SELECT :month, 'RENEWAL', p.id, 0, c.id, c.customer_no, pm.party_no,
                   p.policy_no, p.end_date, p.premium, a.tier, a.churn_score, c.account_manager, c.branch_code,
                   a.retention_reasons
              FROM policy p FORCE INDEX (ix_policy_end_date)
              JOIN customer c ON c.id = p.customer_id
              LEFT JOIN assessment a ON a.customer_id = c.id
              LEFT JOIN party_member pm ON pm.customer_id = c.id
             WHERE p.end_date >= :first AND p.end_date < :end AND p.status = 'ACTIVE'
            """ + UPSERT;

    /** The month's instalment items whose instalment {@link #INSTALLMENTS} no longer finds. */
    static final String STALE_INSTALLMENTS = """
            DELETE FROM due_list_item
             WHERE month = :month AND kind = 'INSTALLMENT'
               AND NOT EXISTS (SELECT 1
                                 FROM premium_due d
                                 JOIN policy p ON p.id = d.policy_id AND p.customer_id = d.customer_id
                                 JOIN customer c ON c.id = p.customer_id
                                WHERE d.policy_id = due_list_item.policy_id AND d.installment_no = due_list_item.installment_no
                                  AND d.due_date >= :first AND d.due_date < :end AND d.status = 'DUE')
            """;

    /** The month's renewal items whose policy {@link #RENEWALS} no longer finds. */
    static final String STALE_RENEWALS = """
            DELETE FROM due_list_item
             WHERE month = :month AND kind = 'RENEWAL'
               AND NOT EXISTS (SELECT 1
                                 FROM policy p
                                 JOIN customer c ON c.id = p.customer_id
                                WHERE p.id = due_list_item.policy_id
                                  AND p.end_date >= :first AND p.end_date < :end AND p.status = 'ACTIVE')
            """;

    private static final String ITEM = """
            SELECT i.id, i.customer_no, i.party_no, i.policy_no, i.kind, i.due_date, i.amount, i.tier, i.churn_score,
                   i.account_manager, i.branch_code, i.reasons, i.outcome, i.outcome_note, i.outcome_by, i.outcome_at,
                   c.name, c.phone
              FROM due_list_item i
              LEFT JOIN customer c ON c.id = i.customer_id
            """;

    /**
     * The items of a month that match the filter and that the audience sees: the branch scope of
     * {@link BranchScope}, on the branch the item was listed for, and the account manager of an audience limited to
     * their own items.
     */
    private static final String SELECTED = """
            WHERE i.month = :month
              AND (:kind IS NULL OR i.kind = :kind)
              AND (:accountManager IS NULL OR i.account_manager = :accountManager)
              AND (:onlyManager IS NULL OR i.account_manager = :onlyManager)
              AND (:filterBranch IS NULL OR i.branch_code = :filterBranch OR i.branch_code LIKE :filterSubBranches ESCAPE '!')
              AND %s
            """.formatted(BranchScope.visible("i"));

    /** Churn score descending (in a descending order MySQL and MariaDB put NULLs last), amount descending, then id. */
    private static final String ORDER = "ORDER BY i.churn_score DESC, i.amount DESC, i.id";

    private static final TypeReference<List<Sentence>> SENTENCES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JdbcClient streaming;
    private final JsonMapper json;

    DueListRepository(JdbcClient jdbc, StreamingJdbc streaming, JsonMapper json) {
        this.jdbc = jdbc;
        this.streaming = streaming.client();
        this.json = json;
    }

    /**
     * Locks the month until the caller's transaction ends, so that generations of one month run one after another
     * on every node. An upsert: it takes an exclusive lock whether the row exists or another transaction is
     * inserting it, which a read {@code FOR UPDATE} of a row that does not exist yet would not.
     */
    void lockMonth(DueMonth month) {
        jdbc.sql("INSERT INTO due_list_lock (month) VALUES (:month) ON DUPLICATE KEY UPDATE month = VALUES(month)")
                .param("month", month.toString())
                .update();
    }

    /** How often the month's list was generated; 0 before its first generation. */
    int lastGeneration(DueMonth month) {
        return jdbc.sql("SELECT generation FROM due_list WHERE month = :month")
                .param("month", month.toString())
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    /**
     * Writes the month's items as of now: new ones inserted, those listed before updated in place with their id and
     * feedback kept.
     */
    void writeItems(DueMonth month) {
        for (String sql : List.of(INSTALLMENTS, RENEWALS)) {
            ofMonth(sql, month).update();
        }
    }

    /** Deletes the month's items listed before that are no longer due; how many. */
    int dropItemsNoLongerDue(DueMonth month) {
        return ofMonth(STALE_INSTALLMENTS, month).update() + ofMonth(STALE_RENEWALS, month).update();
    }

    private StatementSpec ofMonth(String sql, DueMonth month) {
        return jdbc.sql(sql)
                .param("month", month.toString())
                .param("first", month.first())
                .param("end", month.end());
    }

    /** The month's items of this kind. */
    int countItems(DueMonth month, DueKind kind) {
        return jdbc.sql("SELECT COUNT(*) FROM due_list_item WHERE month = :month AND kind = :kind")
                .param("month", month.toString())
                .param("kind", kind.name())
                .query(Integer.class)
                .single();
    }

    /**
     * The DUE instalments falling due in the month, as the CRM's premium schedule has them now: read from the month
     * index alone.
     */
    int dueInstallments(DueMonth month) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM premium_due FORCE INDEX (ix_premium_due_month)
                         WHERE due_date >= :first AND due_date < :end AND status = 'DUE'
                        """)
                .param("first", month.first())
                .param("end", month.end())
                .query(Integer.class)
                .single();
    }

    /** Records the month's list as generated, with its figures. */
    void saveList(DueList list, int generation) {
        jdbc.sql("""
                        INSERT INTO due_list (month, generated_at, generated_by, generation, installments, renewals,
                                              skipped_unknown_policy)
                        VALUES (:month, :at, :by, :generation, :installments, :renewals, :skipped)
                        ON DUPLICATE KEY UPDATE generated_at = VALUES(generated_at), generated_by = VALUES(generated_by),
                            generation = VALUES(generation), installments = VALUES(installments), renewals = VALUES(renewals),
                            skipped_unknown_policy = VALUES(skipped_unknown_policy)
                        """)
                .param("month", list.month())
                .param("at", utc(list.generatedAt()))
                .param("by", list.generatedBy())
                .param("generation", generation)
                .param("installments", list.installments())
                .param("renewals", list.renewals())
                .param("skipped", list.skippedUnknownPolicy())
                .update();
    }

    /** The month's list, if it was generated. */
    Optional<DueList> find(DueMonth month) {
        return jdbc.sql("SELECT * FROM due_list WHERE month = :month")
                .param("month", month.toString())
                .query(DueListRepository::list)
                .optional();
    }

    /** Every generated list, the latest month first. */
    List<DueList> lists() {
        return jdbc.sql("SELECT * FROM due_list ORDER BY month DESC")
                .query(DueListRepository::list)
                .list();
    }

    /** One page of the month's items that match the filter and that the audience sees, in the list's order. */
    List<DueListItem> items(DueMonth month, DueListFilter filter, Audience audience, int page, int size) {
        return selected(jdbc, ITEM + SELECTED + ORDER + " LIMIT :size OFFSET :offset", month, filter, audience)
                .param("size", size)
                .param("offset", (long) page * size)
                .query(itemMapper(audience))
                .list();
    }

    /** How many of the month's items match the filter and the audience sees. */
    long count(DueMonth month, DueListFilter filter, Audience audience) {
        return selected(jdbc, "SELECT COUNT(*) FROM due_list_item i " + SELECTED, month, filter, audience)
                .query(Long.class)
                .single();
    }

    /**
     * Every item of the month that matches the filter and that the audience sees, in the list's order, handed to
     * {@code each} row by row as the database sends them: the result is streamed, never held whole in memory, so
     * {@code each} may write it out as it comes.
     */
    void forEachItem(DueMonth month, DueListFilter filter, Audience audience, Consumer<DueListItem> each) {
        StreamingJdbc.forEach(selected(streaming, ITEM + SELECTED + ORDER, month, filter, audience), itemMapper(audience), each);
    }

    /** The item of the month, if it exists and the audience sees it. */
    Optional<DueListItem> find(DueMonth month, long id, Audience audience) {
        return selected(jdbc, ITEM + SELECTED + " AND i.id = :id", month, DueListFilter.none(), audience)
                .param("id", id)
                .query(itemMapper(audience))
                .optional();
    }

    /**
     * Locks the item of the month until the caller's transaction ends, if it exists and the audience sees it (the
     * item's row alone: the customer's is not locked).
     */
    boolean lock(DueMonth month, long id, Audience audience) {
        return selected(jdbc, "SELECT i.id FROM due_list_item i " + SELECTED + " AND i.id = :id FOR UPDATE", month,
                DueListFilter.none(), audience)
                .param("id", id)
                .query(Long.class)
                .optional()
                .isPresent();
    }

    /** Records the feedback on a locked item. */
    void recordOutcome(long id, ContactOutcome outcome, @Nullable String note, String by, Instant at) {
        jdbc.sql("""
                        UPDATE due_list_item
                           SET outcome = :outcome, outcome_note = :note, outcome_by = :by, outcome_at = :at
                         WHERE id = :id
                        """)
                .param("id", id)
                .param("outcome", outcome.name())
                .param("note", note, Types.VARCHAR)
                .param("by", by)
                .param("at", utc(at))
                .update();
    }

    private static StatementSpec selected(JdbcClient client, String sql, DueMonth month, DueListFilter filter,
                                          Audience audience) {
        return BranchScope.bind(client.sql(sql), audience.user())
                .param("month", month.toString())
                .param("kind", filter.kind() == null ? null : filter.kind().name(), Types.VARCHAR)
                .param("accountManager", filter.accountManager(), Types.VARCHAR)
                .param("onlyManager", audience.onlyManager(), Types.VARCHAR)
                .param("filterBranch", filter.branch(), Types.VARCHAR)
                .param("filterSubBranches", filter.branch() == null ? null : BranchScope.likePrefix(filter.branch()) + "-%",
                        Types.VARCHAR);
    }

    private RowMapper<DueListItem> itemMapper(Audience audience) {
        return (rs, row) -> {
            String manager = rs.getString("account_manager");
            String phone = rs.getString("phone");
            String outcome = rs.getString("outcome");
            return new DueListItem(
                    rs.getLong("id"),
                    rs.getString("customer_no"),
                    rs.getObject("party_no", Long.class),
                    rs.getString("policy_no"),
                    DueKind.valueOf(rs.getString("kind")),
                    rs.getObject("due_date", LocalDate.class),
                    rs.getBigDecimal("amount"),
                    rs.getString("tier"),
                    rs.getObject("churn_score", Integer.class),
                    manager,
                    rs.getString("branch_code"),
                    sentences(rs.getString("reasons")),
                    outcome == null ? null : ContactOutcome.valueOf(outcome),
                    rs.getString("outcome_note"),
                    rs.getString("outcome_by"),
                    instant(rs.getObject("outcome_at", LocalDateTime.class)),
                    rs.getString("name"),
                    audience.seesPhoneOf(manager) ? phone : PersonalData.mask(phone));
        };
    }

    /**
     * The reasons as the retention pack stored them, a JSON array of sentences (each a string, or its English and
     * Chinese); none when null. Text that is not such
     * an array is shown as one sentence rather than failing the whole list.
     */
    private List<Sentence> sentences(@Nullable String reasons) {
        if (reasons == null || reasons.isBlank()) {
            return List.of();
        }
        try {
            List<Sentence> sentences = json.readValue(reasons, SENTENCES);
            return sentences == null ? List.of() : sentences.stream().filter(s -> s != null && !s.en().isBlank()).toList();
        } catch (JacksonException notAnArrayOfSentences) {
            return List.of(Sentence.of(reasons));
        }
    }

    private static DueList list(ResultSet rs, int row) throws SQLException {
        return new DueList(
                rs.getString("month"),
                rs.getObject("generated_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                rs.getString("generated_by"),
                rs.getInt("installments"),
                rs.getInt("renewals"),
                rs.getInt("skipped_unknown_policy"));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(@Nullable LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
