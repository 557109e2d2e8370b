package io.decisioning.service.rulepack;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * The columns the tables of runs over the book have alike ({@code rule_pack_simulation}, V7;
 * {@code rule_pack_backtest}, V20; see {@link BookRunner}): {@code started_at} and {@code finished_at} in UTC, and
 * an {@code error} of at most 2,000 characters.
 */
final class BookRunColumns {

    private static final int ERROR_LENGTH = 2_000;

    private BookRunColumns() {
    }

    static LocalDateTime utc(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /** The time in {@code column}, stored in UTC; null when it is. */
    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime at = rs.getObject(column, LocalDateTime.class);
        return at == null ? null : at.toInstant(ZoneOffset.UTC);
    }

    /** The error as its column keeps it: cut, with "...", when longer than the column. */
    static @Nullable String error(@Nullable String error) {
        return error == null || error.length() <= ERROR_LENGTH ? error : error.substring(0, ERROR_LENGTH - 3) + "...";
    }
}
