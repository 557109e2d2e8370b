package io.decisioning.service.system;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** The month of a monthly report, as a request names it: {@code YYYY-MM}, from 2000-01 up to the current month. */
public final class ReportMonth {

    private ReportMonth() {
    }

    /** The month as {@code YYYY-MM}, not after the one of {@code today}; a 400 naming {@code month} otherwise. */
    public static YearMonth parse(String month, LocalDate today) {
        YearMonth parsed;
        try {
            if (!month.matches("\\d{4}-\\d{2}")) {
                throw new DateTimeParseException("not YYYY-MM", month, 0);
            }
            parsed = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("month", "must be a month written YYYY-MM, e.g. 2027-01");
        }
        YearMonth current = YearMonth.from(today);
        if (parsed.isAfter(current)) {
            throw new InvalidInputException("month", "is after the current month " + current + ": nothing is done yet");
        }
        if (parsed.isBefore(YearMonth.of(2000, 1))) {
            throw new InvalidInputException("month", "must be 2000-01 or later");
        }
        return parsed;
    }
}
