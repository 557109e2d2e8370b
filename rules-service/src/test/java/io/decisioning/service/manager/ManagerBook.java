package io.decisioning.service.manager;

import io.decisioning.service.customer.CrmFixtures;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * CRM records, register rows and contacts for the tests of the account-manager system, in a branch of its own so that
 * a test finds its own rows however many other tests wrote into the shared database.
 */
final class ManagerBook {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    final JdbcClient jdbc;
    final CrmFixtures crm;
    /** A branch no other test uses, e.g. "TAB12CD34EF7". */
    final String branch;

    ManagerBook(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.crm = new CrmFixtures(jdbc);
        this.branch = CrmFixtures.uniquePrefix().replace("-", "");
    }

    /** A manager code unique to this book: "am.<branch>.<n>". */
    String code(int n) {
        return "am." + branch.toLowerCase(Locale.ROOT) + "." + n;
    }

    /** A register row written directly. */
    void manager(String code, String level, int capacity, String status) {
        jdbc.sql("""
                        INSERT INTO account_manager (code, name, branch_code, level, capacity, status, qualified_until,
                            created_at, created_by, updated_at, updated_by)
                        VALUES (:code, :code, :branch, :level, :capacity, :status, NULL, NOW(3), 'test', NOW(3), 'test')""")
                .param("code", code).param("branch", branch).param("level", level).param("capacity", capacity)
                .param("status", status).update();
    }

    /** A customer of this book's branch; its id. */
    long customer(String type, String idType, String idNumber, @Nullable LocalDate birthDate, @Nullable String manager) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO customer (customer_no, customer_type, name, id_type, id_number, birth_date, phone,
                                              branch_code, account_manager, created_at)
                        VALUES (:no, :type, :name, :idType, :idNumber, :birth, NULL, :branch, :manager, :at)""")
                .param("no", CrmFixtures.uniqueNumber()).param("type", type).param("name", "客户" + CrmFixtures.uniqueNumber())
                .param("idType", idType).param("idNumber", idNumber).param("birth", birthDate).param("branch", branch)
                .param("manager", manager).param("at", LocalDateTime.of(2020, 1, 1, 9, 0))
                .update(key, "id");
        return Objects.requireNonNull(key.getKey()).longValue();
    }

    /** A person with an id of their own. */
    long person(@Nullable LocalDate birthDate, @Nullable String manager) {
        return customer("PERSON", "OTHER", CrmFixtures.uniqueNumber(), birthDate, manager);
    }

    /** A contact written directly (and the summary moved as the service does), at noon of {@code day} in the zone. */
    void contact(long customerId, String kind, LocalDate day) {
        contact(customerId, kind, day, null);
    }

    /** A contact with a satisfaction score (a survey's). */
    void contact(long customerId, String kind, LocalDate day, @Nullable Integer satisfaction) {
        LocalDateTime utc = day.atTime(12, 0).atZone(ZONE).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        jdbc.sql("""
                        INSERT INTO customer_contact (customer_id, customer_no, kind, occurred_at, by_user, satisfaction, created_at)
                        SELECT id, customer_no, :kind, :at, 'test', :satisfaction, NOW(3) FROM customer WHERE id = :id""")
                .param("id", customerId).param("kind", kind).param("at", utc).param("satisfaction", satisfaction).update();
        jdbc.sql("""
                        INSERT INTO customer_contact_summary (customer_id, last_visit_at, last_contact_at)
                        VALUES (:id, :visit, :at)
                        ON DUPLICATE KEY UPDATE
                            last_visit_at = CASE WHEN last_visit_at IS NULL OR VALUES(last_visit_at) > last_visit_at
                                                 THEN COALESCE(VALUES(last_visit_at), last_visit_at) ELSE last_visit_at END,
                            last_contact_at = GREATEST(last_contact_at, VALUES(last_contact_at))""")
                .param("id", customerId).param("visit", kind.equals("VISIT") ? utc : null).param("at", utc).update();
    }

    String customerNo(long customerId) {
        return crm.customerNo(customerId);
    }
}
