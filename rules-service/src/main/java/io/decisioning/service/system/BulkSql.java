package io.decisioning.service.system;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * Set-based statements that stay cheap with server-side prepared statements (the service's
 * Connector/J URL: {@code useServerPrepStmts=true&cachePrepStmts=true&prepStmtCacheSqlLimit=4096}).
 *
 * <p>Why: a JDBC batch rewritten by {@code rewriteBatchedStatements} and an {@code IN (...)} list of
 * a thousand ids are each a new, long statement text. Connector/J caches no statement longer than
 * its SQL limit, so each of them is parsed again by the driver, prepared on the server, executed
 * once and closed; for the nightly run's chunks that cost more than the writes themselves. Here
 * rows are written by multi-row INSERTs of a fixed number of rows whose text stays under the
 * limit (cached and prepared once per connection), and sets of ids are sent as ranges of
 * consecutive ids ({@code BETWEEN}), one range for a chunk of the nightly run.
 */
public final class BulkSql {

    /** Statements up to this length are cached by Connector/J with the default {@code prepStmtCacheSqlLimit}. */
    static final int CACHEABLE_LENGTH = 4000;
    /** The most placeholders one prepared statement may have (MySQL and MariaDB). */
    private static final int MAX_PLACEHOLDERS = 65_535;
    /** A set of ids with more ranges than this is sent as an {@code IN} list instead. */
    static final int MAX_RANGES = 16;

    private static final Map<String, String> STATEMENTS = new ConcurrentHashMap<>();

    private BulkSql() {
    }

    /**
     * Inserts {@code rows} with multi-row statements {@code head (?, ...), (?, ...) tail} of as many
     * rows as fit under {@link #CACHEABLE_LENGTH} characters (the last one shorter), in the caller's
     * transaction if any.
     *
     * @param head    e.g. {@code INSERT INTO t (a, b) VALUES }
     * @param columns the number of values of each row (each row's array has this length)
     * @param tail    e.g. {@code ON DUPLICATE KEY UPDATE b = VALUES(b)}, or empty
     * @return the affected-row counts summed (as the server reports them)
     */
    public static int insert(JdbcOperations jdbc, String head, int columns, String tail, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        int perStatement = rowsPerStatement(head, columns, tail);
        int affected = 0;
        for (int from = 0; from < rows.size(); from += perStatement) {
            int count = Math.min(perStatement, rows.size() - from);
            Object[] values = new Object[count * columns];
            for (int i = 0; i < count; i++) {
                Object[] row = rows.get(from + i);
                if (row.length != columns) {
                    throw new IllegalArgumentException("a row has " + row.length + " values, expected " + columns);
                }
                System.arraycopy(row, 0, values, i * columns, columns);
            }
            affected += jdbc.update(statement(head, columns, tail, count), values);
        }
        return affected;
    }

    static int rowsPerStatement(String head, int columns, String tail) {
        int rowLength = 2 + 3 * columns; // "(?, ?, ?), "
        int fit = (CACHEABLE_LENGTH - head.length() - tail.length() - 1) / rowLength;
        return Math.max(1, Math.min(fit, MAX_PLACEHOLDERS / columns));
    }

    private static String statement(String head, int columns, String tail, int rows) {
        return STATEMENTS.computeIfAbsent(head + '\u0000' + columns + '\u0000' + tail + '\u0000' + rows, key -> {
            String row = "(" + "?, ".repeat(columns - 1) + "?)";
            StringBuilder sql = new StringBuilder(head.length() + tail.length() + rows * (row.length() + 2) + 1).append(head);
            for (int i = 0; i < rows; i++) {
                sql.append(i == 0 ? "" : ", ").append(row);
            }
            return sql.append(tail.isEmpty() ? "" : " ").append(tail).toString();
        });
    }

    /**
     * A condition on {@code column} that holds for exactly these ids, with its named parameters:
     * {@code (column BETWEEN :p0a AND :p0b OR column = :p1a OR ...)} for ids that form up to
     * {@link #MAX_RANGES} runs of consecutive values, else {@code column IN (:p)}.
     *
     * @param prefix the parameters' name prefix, unique within the statement
     */
    public static IdCondition ids(String column, Collection<Long> ids, String prefix) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no ids");
        }
        if (ids.size() == 1) { // a check or an event: the condition the loop below makes for one id, without the loop
            String a = prefix + "0a";
            return new IdCondition("(" + column + " = :" + a + ")", Map.of(a, ids.iterator().next()));
        }
        long[] sorted = ids.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        List<long[]> ranges = new ArrayList<>();
        long from = sorted[0];
        long to = sorted[0];
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == to + 1) {
                to = sorted[i];
            } else {
                ranges.add(new long[] {from, to});
                if (ranges.size() > MAX_RANGES) {
                    break;
                }
                from = sorted[i];
                to = sorted[i];
            }
        }
        ranges.add(new long[] {from, to});
        Map<String, Object> params = new HashMap<>();
        if (ranges.size() > MAX_RANGES) {
            params.put(prefix, List.copyOf(ids));
            return new IdCondition(column + " IN (:" + prefix + ")", params);
        }
        StringBuilder condition = new StringBuilder("(");
        for (int i = 0; i < ranges.size(); i++) {
            String a = prefix + i + "a";
            String b = prefix + i + "b";
            condition.append(i == 0 ? "" : " OR ").append(column);
            params.put(a, ranges.get(i)[0]);
            if (ranges.get(i)[0] == ranges.get(i)[1]) {
                // an equality, not BETWEEN x AND x: MariaDB groups the rows of "= x" read from an index in its
                // order, but those of "BETWEEN x AND x" through a temporary table
                condition.append(" = :").append(a);
            } else {
                condition.append(" BETWEEN :").append(a).append(" AND :").append(b);
                params.put(b, ranges.get(i)[1]);
            }
        }
        return new IdCondition(condition.append(')').toString(), params);
    }

    /** A SQL condition with named parameters (for {@code JdbcClient.params(Map)}). */
    public record IdCondition(String sql, Map<String, Object> params) {

        public IdCondition {
            params = Map.copyOf(params);
        }
    }
}
