package io.decisioning.service.assessment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;

/**
 * Facts of a {@link FactSource} that come one row per customer (a table keyed by customer id, a figure
 * of the whole book), read with the customers themselves rather than by a statement of the source's
 * own: the pipeline adds the source's join and columns to the statement that reads the customers.
 *
 * @param join    joined to the customer row, whose alias is {@code c}: {@code LEFT JOIN t x ON x.customer_id = c.id};
 *                empty when the columns need none
 * @param columns the select-list expressions, each with an alias unique to the source ({@code x.rank AS book_rank})
 * @param params  the named parameters they use
 * @param reader  reads a customer's columns into its facts
 */
public record CustomerColumns(String join, String columns, Map<String, Object> params, Reader reader) {

    public CustomerColumns {
        Objects.requireNonNull(join, "join");
        Objects.requireNonNull(columns, "columns");
        params = Map.copyOf(params);
        Objects.requireNonNull(reader, "reader");
    }

    /** Reads the columns of one customer's row. */
    @FunctionalInterface
    public interface Reader {
        void read(ResultSet row, Subject subject, Facts facts) throws SQLException;
    }
}
