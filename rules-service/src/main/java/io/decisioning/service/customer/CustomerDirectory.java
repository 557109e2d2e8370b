package io.decisioning.service.customer;

import io.decisioning.rules.Grade;
import io.decisioning.rules.Tier;
import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.export.StreamingJdbc;
import io.decisioning.service.system.BranchScope;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.PersonalData;
import io.decisioning.service.system.Role;
import io.decisioning.service.system.UserAccount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finding customers for people (the admin UI's customer search and page), within the user's branch
 * scope: by customer number (exact or prefix, indexed), identity number or phone (exact, indexed),
 * or a part of the name (a scan of the name column: fine for a search box, not for machines).
 * Identity numbers and phones are masked but for the last four characters for roles that only look
 * (the same rule as the blacklist's).
 */
@Repository
public class CustomerDirectory {

    /** A customer in a list of search results, with the grade and tier of the current assessment if any. */
    public record Found(String customerNo, String customerType, String name, String idType, @Nullable String idNumber,
                        @Nullable String phone, String branchCode, @Nullable String accountManager,
                        @Nullable String grade, @Nullable String tier, @Nullable Boolean vip,
                        @Nullable Boolean blacklisted, @Nullable Integer valueScore, @Nullable Integer riskScore,
                        @Nullable String decision, @Nullable Instant evaluatedAt) {
    }

    public record Page(List<Found> items, long total) {
    }

    /**
     * One customer's identity, the blacklist entries their last evaluation matched, and how many
     * warnings are open (OPEN or ACKNOWLEDGED).
     */
    public record Profile(String customerNo, String customerType, String name, String idType, @Nullable String idNumber,
                          @Nullable LocalDate birthDate, @Nullable String phone, String branchCode,
                          @Nullable String accountManager, Instant createdAt, JsonNode blacklistHits, long openWarnings) {
    }

    /**
     * What a list of customers is narrowed to; every part optional. {@code query} as the search box takes it;
     * {@code vip}, {@code tier} and {@code grade} by the current assessment (a customer never evaluated has none and
     * is left out once one is given); {@code branch} a branch's subtree within the caller's own scope.
     */
    public record Filter(@Nullable String query, @Nullable Boolean vip, @Nullable Tier tier, @Nullable Grade grade,
                         @Nullable String branch) {

        public static Filter query(@Nullable String query) {
            return new Filter(query, null, null, null, null);
        }

        boolean byAssessment() {
            return vip != null || tier != null || grade != null;
        }

        @Nullable String q() {
            return query == null || query.isBlank() ? null : query.strip();
        }
    }

    private static final String COLUMNS = """
            SELECT c.customer_no, c.customer_type, c.name, c.id_type, c.id_number, c.phone, c.branch_code,
                   c.account_manager, a.grade, a.tier, a.vip, a.blacklisted, a.value_score, a.risk_score, a.decision,
                   a.evaluated_at""";

    private final JdbcClient jdbc;
    private final JdbcClient streaming;
    private final JsonMapper json;

    CustomerDirectory(JdbcClient jdbc, StreamingJdbc streaming, JsonMapper json) {
        this.jdbc = jdbc;
        this.streaming = streaming.client();
        this.json = json;
    }

    public Page search(Filter filter, int page, int size, UserAccount user) {
        boolean full = seesPersonalData(user);
        List<Found> items = bind(jdbc.sql(COLUMNS + from(filter) + " ORDER BY c.customer_no LIMIT :size OFFSET :offset"),
                filter, user)
                .param("size", size)
                .param("offset", (long) page * size)
                .query((rs, row) -> found(rs, full))
                .list();
        return new Page(items, count(filter, user));
    }

    /** How many customers the filter finds that the user may see. */
    public long count(Filter filter, UserAccount user) {
        return bind(jdbc.sql("SELECT COUNT(*)" + from(filter)), filter, user).query(Long.class).single();
    }

    /** Every customer the filter finds that the user may see, by customer number, streamed from the database. */
    public void forEach(Filter filter, UserAccount user, Consumer<? super Found> each) {
        boolean full = seesPersonalData(user);
        StreamingJdbc.forEach(bind(streaming.sql(COLUMNS + from(filter) + " ORDER BY c.customer_no"), filter, user),
                (rs, row) -> found(rs, full), each);
    }

    /**
     * The FROM and WHERE of a filter, only with the conditions it has, so that the database may use the assessment's
     * indexes ({@code (vip, tier)}, {@code (grade, tier)}) when it narrows by them.
     */
    private static String from(Filter filter) {
        StringBuilder sql = new StringBuilder(filter.byAssessment()
                ? " FROM assessment a JOIN customer c ON c.id = a.customer_id"
                : " FROM customer c LEFT JOIN assessment a ON a.customer_id = c.id");
        sql.append(" WHERE ").append(BranchScope.visible("c"));
        if (filter.q() != null) {
            sql.append("""
                     AND (c.customer_no = :query OR c.customer_no LIKE :prefix ESCAPE '!' OR c.id_number = :idNumber
                          OR c.phone = :query OR c.name LIKE :part ESCAPE '!')""");
        }
        if (filter.vip() != null) {
            sql.append(" AND a.vip = :vip");
        }
        if (filter.tier() != null) {
            sql.append(" AND a.tier = :tier");
        }
        if (filter.grade() != null) {
            sql.append(" AND a.grade = :grade");
        }
        if (filter.branch() != null) {
            sql.append(" AND (c.branch_code = :branch OR c.branch_code LIKE :subBranches ESCAPE '!')");
        }
        return sql.toString();
    }

    /** The customer's page, or 404 when unknown or outside the user's branch scope (alike, so existence does not leak). */
    public Profile profile(String customerNo, UserAccount user) {
        boolean full = seesPersonalData(user);
        return BranchScope.bind(jdbc.sql("""
                        SELECT c.customer_no, c.customer_type, c.name, c.id_type, c.id_number, c.birth_date, c.phone,
                               c.branch_code, c.account_manager, c.created_at, d.blacklist_hits,
                               (SELECT COUNT(*) FROM warning w WHERE w.customer_id = c.id
                                   AND w.status IN ('OPEN', 'ACKNOWLEDGED')) AS open_warnings
                          FROM customer c LEFT JOIN assessment_detail d ON d.customer_id = c.id
                         WHERE c.customer_no = :customerNo AND """ + BranchScope.visible("c")), user)
                .param("customerNo", customerNo)
                .query((rs, row) -> new Profile(
                        rs.getString("customer_no"),
                        rs.getString("customer_type"),
                        rs.getString("name"),
                        rs.getString("id_type"),
                        full ? rs.getString("id_number") : PersonalData.mask(rs.getString("id_number")),
                        rs.getObject("birth_date", LocalDate.class),
                        full ? rs.getString("phone") : PersonalData.mask(rs.getString("phone")),
                        rs.getString("branch_code"),
                        rs.getString("account_manager"),
                        rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                        json.readTree(rs.getString("blacklist_hits") == null ? "[]" : rs.getString("blacklist_hits")),
                        rs.getLong("open_warnings")))
                .optional()
                .orElseThrow(() -> new NotFoundException(new Sentence("Customer " + customerNo + " is not known.",
                        "客户 " + customerNo + " 不存在。")));
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Filter filter, UserAccount user) {
        JdbcClient.StatementSpec statement = BranchScope.bind(spec, user);
        String q = filter.q();
        if (q != null) {
            String like = BranchScope.likePrefix(q);
            statement = statement.param("query", q)
                    .param("prefix", like + "%")
                    .param("idNumber", q.replace(" ", "").toUpperCase(Locale.ROOT))
                    .param("part", "%" + like + "%");
        }
        if (filter.vip() != null) {
            statement = statement.param("vip", filter.vip());
        }
        if (filter.tier() != null) {
            statement = statement.param("tier", filter.tier().name());
        }
        if (filter.grade() != null) {
            statement = statement.param("grade", filter.grade().name());
        }
        if (filter.branch() != null) {
            statement = statement.param("branch", filter.branch()).param("subBranches", BranchScope.likePrefix(filter.branch()) + "-%");
        }
        return statement;
    }

    /** Approvers and administrators see identity numbers and phones whole; others masked. */
    static boolean seesPersonalData(UserAccount user) {
        return user.roles().contains(Role.APPROVER) || user.roles().contains(Role.ADMIN);
    }

    private static Found found(ResultSet rs, boolean full) throws SQLException {
        Object vip = rs.getObject("vip");
        Object blacklisted = rs.getObject("blacklisted");
        return new Found(
                rs.getString("customer_no"),
                rs.getString("customer_type"),
                rs.getString("name"),
                rs.getString("id_type"),
                full ? rs.getString("id_number") : PersonalData.mask(rs.getString("id_number")),
                full ? rs.getString("phone") : PersonalData.mask(rs.getString("phone")),
                rs.getString("branch_code"),
                rs.getString("account_manager"),
                rs.getString("grade"),
                rs.getString("tier"),
                vip == null ? null : rs.getBoolean("vip"),
                blacklisted == null ? null : rs.getBoolean("blacklisted"),
                rs.getObject("value_score", Integer.class),
                rs.getObject("risk_score", Integer.class),
                rs.getString("decision"),
                instant(rs.getObject("evaluated_at", LocalDateTime.class)));
    }

    private static @Nullable Instant instant(@Nullable LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
