package io.decisioning.service.customer;

import io.decisioning.service.system.BranchScope;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.PersonalData;
import io.decisioning.service.system.Role;
import io.decisioning.service.system.UserAccount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
                        @Nullable String phone, String branchCode, @Nullable String grade, @Nullable String tier,
                        @Nullable Boolean vip, @Nullable Boolean blacklisted) {
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

    private static final String MATCHES = """
            (:query IS NULL OR c.customer_no = :query OR c.customer_no LIKE :prefix ESCAPE '!'
                 OR c.id_number = :idNumber OR c.phone = :query OR c.name LIKE :part ESCAPE '!')""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CustomerDirectory(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Page search(@Nullable String query, int page, int size, UserAccount user) {
        String q = query == null || query.isBlank() ? null : query.strip();
        String where = " WHERE " + MATCHES + " AND " + BranchScope.visible("c");
        List<Found> items = bind(jdbc.sql("""
                        SELECT c.customer_no, c.customer_type, c.name, c.id_type, c.id_number, c.phone, c.branch_code,
                               a.grade, a.tier, a.vip, a.blacklisted
                          FROM customer c LEFT JOIN assessment a ON a.customer_id = c.id""" + where
                        + " ORDER BY c.customer_no LIMIT :size OFFSET :offset"), q, user)
                .param("size", size)
                .param("offset", (long) page * size)
                .query((rs, row) -> found(rs, seesPersonalData(user)))
                .list();
        long total = bind(jdbc.sql("SELECT COUNT(*) FROM customer c" + where), q, user).query(Long.class).single();
        return new Page(items, total);
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
                .orElseThrow(() -> new NotFoundException("Customer " + customerNo + " is not known."));
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, @Nullable String q, UserAccount user) {
        String like = q == null ? null : BranchScope.likePrefix(q);
        return BranchScope.bind(statement, user)
                .param("query", q, java.sql.Types.VARCHAR)
                .param("prefix", like == null ? null : like + "%", java.sql.Types.VARCHAR)
                .param("idNumber", q == null ? null : q.replace(" ", "").toUpperCase(Locale.ROOT), java.sql.Types.VARCHAR)
                .param("part", like == null ? null : "%" + like + "%", java.sql.Types.VARCHAR);
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
                rs.getString("grade"),
                rs.getString("tier"),
                vip == null ? null : rs.getBoolean("vip"),
                blacklisted == null ? null : rs.getBoolean("blacklisted"));
    }
}
