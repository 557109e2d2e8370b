package io.decisioning.service.duelist;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.system.InvalidInputException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The month of a due list, written {@code 2027-01}. A month asked for through the API lies at most
 * {@link #MAX_MONTHS_AWAY} months before or after the current one: a list for further away is a typo.
 */
record DueMonth(YearMonth value) {

    static final int MAX_MONTHS_AWAY = 24;

    private static final Pattern TEXT = Pattern.compile("\\d{4}-\\d{2}");

    DueMonth {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param today today in the service's zone
     * @throws InvalidInputException naming {@code month} for text that is no month written YYYY-MM, or a month
     *                               more than {@link #MAX_MONTHS_AWAY} months away from today's
     */
    static DueMonth parse(String text, LocalDate today) {
        YearMonth month;
        try {
            month = TEXT.matcher(text).matches() ? YearMonth.parse(text) : null;
        } catch (DateTimeParseException noSuchMonth) {
            month = null;
        }
        if (month == null) {
            throw new InvalidInputException("month", new Sentence("must be a month written YYYY-MM, e.g. 2027-01",
                    "必须是 YYYY-MM 格式的月份，例如 2027-01"));
        }
        YearMonth current = YearMonth.from(today);
        if (Math.abs(ChronoUnit.MONTHS.between(current, month)) > MAX_MONTHS_AWAY) {
            throw new InvalidInputException("month", new Sentence("must be at most " + MAX_MONTHS_AWAY
                    + " months before or after " + current, "必须在 " + current + " 前后 " + MAX_MONTHS_AWAY + " 个月以内"));
        }
        return new DueMonth(month);
    }

    /** The month after today's: the list the monthly trigger generates. */
    static DueMonth after(LocalDate today) {
        return new DueMonth(YearMonth.from(today).plusMonths(1));
    }

    /** The month's first day. */
    LocalDate first() {
        return value.atDay(1);
    }

    /** The first day of the month after: the end of this one, excluded. */
    LocalDate end() {
        return value.plusMonths(1).atDay(1);
    }

    /** {@code 2027-01}, as the API and the database write it. */
    @Override
    public String toString() {
        return value.toString();
    }
}
