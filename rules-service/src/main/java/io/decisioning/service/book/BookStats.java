package io.decisioning.service.book;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One run of the book statistics: the book-wide figures premium share and rank are relative to.
 *
 * @param computedAt         when it was computed, UTC
 * @param customers          customers in the book (all of them, with or without premium)
 * @param totalAnnualPremium sum of every customer's annualPremium as of {@code asOfDate}
 */
public record BookStats(long id, LocalDate asOfDate, LocalDateTime computedAt, long customers,
                        BigDecimal totalAnnualPremium) {

    public BookStats {
        Objects.requireNonNull(asOfDate, "asOfDate");
        Objects.requireNonNull(computedAt, "computedAt");
        Objects.requireNonNull(totalAnnualPremium, "totalAnnualPremium");
    }
}
