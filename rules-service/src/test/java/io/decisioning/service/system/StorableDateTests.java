package io.decisioning.service.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Which dates the database can store: the years 1000 to 9999, instants by their UTC date. */
class StorableDateTests {

    private final StorableDate.Validator validator = new StorableDate.Validator();

    @Test
    void theYears1000To9999AreStorableAndNullIsLeftToNotNull() {
        assertThat(valid(LocalDate.of(1000, 1, 1))).isTrue();
        assertThat(valid(LocalDate.of(9999, 12, 31))).isTrue();
        assertThat(valid(LocalDate.of(1949, 10, 1))).isTrue();
        assertThat(valid(null)).isTrue();
    }

    @Test
    void datesBeforeTheYear1000OrAfter9999AreNot() {
        assertThat(valid(LocalDate.of(999, 12, 31))).isFalse();
        assertThat(valid(LocalDate.of(1, 1, 1))).isFalse();
        assertThat(valid(LocalDate.of(10000, 1, 1))).isFalse();
        assertThat(valid(LocalDate.of(-5000, 1, 1))).isFalse();
        assertThat(valid(LocalDate.MAX)).isFalse();
        assertThat(valid(LocalDateTime.of(999, 12, 31, 23, 59))).isFalse();
    }

    @Test
    void aTimeWithAnOffsetCountsByItsUtcDate() {
        // 1000-01-01 00:30 in Beijing is 999-12-31 16:30 UTC: the database would get year 999.
        assertThat(valid(OffsetDateTime.of(1000, 1, 1, 0, 30, 0, 0, ZoneOffset.ofHours(8)))).isFalse();
        assertThat(valid(OffsetDateTime.of(1000, 1, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8)))).isTrue();
        // 9999-12-31 23:00 in New York is 10000-01-01 UTC.
        assertThat(valid(OffsetDateTime.of(9999, 12, 31, 23, 0, 0, 0, ZoneOffset.ofHours(-5)))).isFalse();
        assertThat(valid(OffsetDateTime.MAX)).isFalse();
        assertThat(valid(OffsetDateTime.MIN)).isFalse();
    }

    @Test
    void instantsBeyondTheCalendarAreNotStorable() {
        assertThat(valid(Instant.parse("2026-11-24T00:00:00Z"))).isTrue();
        assertThat(valid(Instant.MAX)).isFalse();
        assertThat(valid(Instant.MIN)).isFalse();
    }

    @Test
    void otherTypesAreAProgrammingError() {
        assertThatThrownBy(() -> validator.isValid("2026-11-24", null)).isInstanceOf(IllegalArgumentException.class);
    }

    private boolean valid(Object value) {
        return validator.isValid(value, null);
    }
}
