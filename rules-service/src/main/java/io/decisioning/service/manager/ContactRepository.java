package io.decisioning.service.manager;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Contacts with customers (V23 {@code customer_contact}) and each customer's latest visit and contact
 * ({@code customer_contact_summary}), kept together: every contact stored moves the summary forward if it is later.
 */
@Repository
class ContactRepository {

    private final JdbcClient jdbc;

    ContactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the contact and moves the customer's summary forward, in the caller's transaction; answers its id. */
    long insert(long customerId, String customerNo, NewContact contact, String by, @Nullable String managerCode,
                LocalDateTime now) {
        LocalDateTime at = LocalDateTime.ofInstant(contact.occurredAt().toInstant(), ZoneOffset.UTC);
        jdbc.sql("""
                        INSERT INTO customer_contact (customer_id, customer_no, kind, occurred_at, by_user, manager_code,
                            satisfaction, note, created_at)
                        VALUES (:customerId, :customerNo, :kind, :at, :by, :manager, :satisfaction, :note, :now)""")
                .param("customerId", customerId)
                .param("customerNo", customerNo)
                .param("kind", contact.kind().name())
                .param("at", at)
                .param("by", by)
                .param("manager", managerCode)
                .param("satisfaction", contact.satisfaction())
                .param("note", contact.note())
                .param("now", now)
                .update();
        long id = jdbc.sql("SELECT LAST_INSERT_ID()").query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO customer_contact_summary (customer_id, last_visit_at, last_contact_at)
                        VALUES (:customerId, :visit, :at)
                        ON DUPLICATE KEY UPDATE
                            last_visit_at = CASE WHEN last_visit_at IS NULL OR VALUES(last_visit_at) > last_visit_at
                                                 THEN COALESCE(VALUES(last_visit_at), last_visit_at) ELSE last_visit_at END,
                            last_contact_at = GREATEST(last_contact_at, VALUES(last_contact_at))""")
                .param("customerId", customerId)
                .param("visit", contact.kind() == ContactKind.VISIT ? at : null)
                .param("at", at)
                .update();
        return id;
    }

    /** The customer's contacts, latest first. */
    List<Contact> list(long customerId, int limit) {
        return jdbc.sql("""
                        SELECT id, customer_no, kind, occurred_at, by_user, satisfaction, note FROM customer_contact
                         WHERE customer_id = :customerId ORDER BY occurred_at DESC, id DESC LIMIT :limit""")
                .param("customerId", customerId)
                .param("limit", limit)
                .query((rs, n) -> new Contact(rs.getLong("id"), rs.getString("customer_no"),
                        ContactKind.valueOf(rs.getString("kind")),
                        rs.getObject("occurred_at", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString("by_user"),
                        rs.getObject("satisfaction", Integer.class), rs.getString("note")))
                .list();
    }
}
