package io.decisioning.service.customer;

import io.decisioning.service.assessment.IdRange;
import io.decisioning.service.identity.ResidentId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the CRM's {@code customer} table. The CRM owns it; the service never writes it. */
@Repository
public class CustomerRepository {

    private static final String COLUMNS = """
            id, customer_no, customer_type, name, id_type, id_number, birth_date, phone,
            branch_code, account_manager, created_at""";

    private final JdbcClient jdbc;

    CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Customer> findByCustomerNo(String customerNo) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE customer_no = :customerNo")
                .param("customerNo", customerNo)
                .query(CustomerRepository::customer)
                .optional();
    }

    public Optional<Customer> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE id = :id")
                .param("id", id)
                .query(CustomerRepository::customer)
                .optional();
    }

    /**
     * Customers with this identity document, oldest first (a CRM may hold duplicates).
     *
     * <p>The caller passes the number already normalized (trimmed, half-width, upper-case, without
     * spaces and '-'). The lookup uses the index on the raw {@code id_number} column, so it finds
     * rows stored in that normalized form or entirely in lower case (a RESIDENT_ID ending in "x").
     * <b>Limitation:</b> a number the CRM stored with spaces, dashes or full-width characters is not
     * found here; such rows are only reachable through normalized keys (a generated, indexed column
     * would fix this if the CRM's data needs it).
     */
    public List<Customer> findByIdNumber(String idType, String normalizedIdNumber) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM customer
                        WHERE id_number IN (:numbers) AND id_type = :idType
                        ORDER BY id
                        """)
                .param("numbers", ResidentId.storedForms(idType, normalizedIdNumber))
                .param("idType", idType)
                .query(CustomerRepository::customer)
                .list();
    }

    /**
     * Customers whose normalized identity key (kept in {@code customer_match_key} whenever a customer
     * is evaluated) equals {@code idNumberKey}: finds the rows the CRM stored with spaces, dashes or
     * full-width characters, once they have been evaluated.
     */
    public List<Customer> findByIdNumberKey(String idNumberKey) {
        return findByKey("ID_NUMBER", idNumberKey);
    }

    /**
     * Customers whose {@code IDENTITY} key (DESIGN.md section 10: a resident ID in its 18-digit form, the
     * organization code of a USCC or OTHER id, a passport with the name) is this one, once evaluated.
     */
    public List<Customer> findByIdentityKey(String identityKey) {
        return findByKey("IDENTITY", identityKey);
    }

    /** Customers whose stored key of this type ({@code customer_match_key}) is this one, by ascending id. */
    private List<Customer> findByKey(String keyType, String key) {
        return jdbc.sql("""
                        SELECT c.id, c.customer_no, c.customer_type, c.name, c.id_type, c.id_number, c.birth_date,
                               c.phone, c.branch_code, c.account_manager, c.created_at
                          FROM customer_match_key k JOIN customer c ON c.id = k.customer_id
                        WHERE k.key_type = :keyType AND k.key_value = :key
                        ORDER BY c.id
                        """)
                .param("keyType", keyType)
                .param("key", key)
                .query(CustomerRepository::customer)
                .list();
    }

    /** The lowest and highest customer id, empty when there are no customers. */
    public Optional<IdRange> idRange() {
        return jdbc.sql("SELECT MIN(id) AS min_id, MAX(id) AS max_id FROM customer")
                .query((rs, row) -> rs.getObject("min_id") == null
                        ? null
                        : new IdRange(rs.getLong("min_id"), rs.getLong("max_id")))
                .optional();
    }

    /** The ids of the customers in {@code range}, ascending. */
    public List<Long> idsIn(IdRange range) {
        return jdbc.sql("SELECT id FROM customer WHERE id BETWEEN :fromId AND :toId ORDER BY id")
                .param("fromId", range.fromId())
                .param("toId", range.toId())
                .query(Long.class)
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single();
    }

    private static Customer customer(ResultSet rs, int row) throws SQLException {
        return new Customer(
                rs.getLong("id"),
                rs.getString("customer_no"),
                rs.getString("customer_type"),
                rs.getString("name"),
                rs.getString("id_type"),
                rs.getString("id_number"),
                rs.getObject("birth_date", LocalDate.class),
                rs.getString("phone"),
                rs.getString("branch_code"),
                rs.getString("account_manager"),
                rs.getObject("created_at", LocalDateTime.class));
    }
}
