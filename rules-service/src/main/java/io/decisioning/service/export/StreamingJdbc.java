package io.decisioning.service.export;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Statements whose results the driver streams rather than reads whole into memory, for lists written out as they
 * are read (exports): MySQL Connector/J streams row by row with a fetch size of {@code Integer.MIN_VALUE}; MariaDB
 * Connector/J 3 refuses that value and streams with any positive fetch size. The connection carries nothing else
 * until the result is read to its end.
 */
@Component
public class StreamingJdbc {

    private static final int MARIADB_FETCH_SIZE = 1000;

    private final JdbcClient client;

    StreamingJdbc(DataSource dataSource) {
        this.client = JdbcClient.create(new NamedParameterJdbcTemplate(new StreamingTemplate(dataSource)));
    }

    /** A client whose queries stream their results. */
    public JdbcClient client() {
        return client;
    }

    /** Runs the statement (made with {@link #client}) and hands each row, mapped, to {@code each} as it comes. */
    public static <T> void forEach(JdbcClient.StatementSpec statement, RowMapper<T> mapper, Consumer<? super T> each) {
        int[] row = {0}; // a streamed result set cannot tell its row number (ResultSet.getRow)
        statement.query((RowCallbackHandler) rs -> each.accept(mapper.mapRow(rs, ++row[0])));
    }

    private static final class StreamingTemplate extends JdbcTemplate {

        StreamingTemplate(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        protected void applyStatementSettings(Statement statement) throws SQLException {
            super.applyStatementSettings(statement);
            statement.setFetchSize(fetchSize(statement.getConnection()));
        }

        private static int fetchSize(Connection connection) throws SQLException {
            return connection.getMetaData().getDriverName().startsWith("MariaDB") ? MARIADB_FETCH_SIZE : Integer.MIN_VALUE;
        }
    }
}
