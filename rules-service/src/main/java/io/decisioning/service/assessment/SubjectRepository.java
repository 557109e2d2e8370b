package io.decisioning.service.assessment;

import io.decisioning.service.identity.MatchKeys;
import io.decisioning.service.system.BulkSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who is evaluated: the rows of the CRM's customer table a {@link Selection} names, with what every
 * evaluation needs of them (number, type, branch and identity keys). The facts come from the
 * {@link FactSource}s.
 */
@Repository
class SubjectRepository {

    private static final String COLUMNS = """
            SELECT id, customer_no, customer_type, branch_code, id_type, id_number, name, birth_date, phone
              FROM customer""";

    private final JdbcClient jdbc;

    SubjectRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The selected customers that exist, by ascending id. */
    Subjects read(Selection selection, LocalDate asOf) {
        List<Subject> found;
        if (selection.range() != null) {
            found = jdbc.sql(COLUMNS + " WHERE id BETWEEN :fromId AND :toId ORDER BY id")
                    .param("fromId", selection.range().fromId())
                    .param("toId", selection.range().toId())
                    .query((rs, row) -> subject(rs, null))
                    .list();
        } else if (selection.customerNo() != null) {
            found = byCustomerNo(selection.customerNo(), selection.stated()).stream().toList();
        } else {
            BulkSql.IdCondition ids = BulkSql.ids("id", selection.ids(), "id");
            found = jdbc.sql(COLUMNS + " WHERE " + ids.sql() + " ORDER BY id")
                    .params(ids.params())
                    .query((rs, row) -> subject(rs, null))
                    .list();
        }
        return new Subjects(found, asOf, selection.range());
    }

    /** The customer with this number, if there is one. */
    Optional<Subject> byCustomerNo(String customerNo) {
        return byCustomerNo(customerNo, null);
    }

    private Optional<Subject> byCustomerNo(String customerNo, @Nullable MatchKeys stated) {
        return jdbc.sql(COLUMNS + " WHERE customer_no = :customerNo")
                .param("customerNo", customerNo)
                .query((rs, row) -> subject(rs, stated))
                .optional();
    }

    private static Subject subject(ResultSet rs, @Nullable MatchKeys stated) throws SQLException {
        return new Subject(rs.getLong("id"), rs.getString("customer_no"), rs.getString("customer_type"),
                rs.getString("branch_code"),
                MatchKeys.of(rs.getString("id_type"), rs.getString("id_number"), rs.getString("name"),
                        rs.getObject("birth_date", LocalDate.class), rs.getString("phone")),
                stated);
    }
}
