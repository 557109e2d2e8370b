package io.decisioning.service.demo;

import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a blacklist entry for a generated demo customer should hold, so that the demo book has
 * customers that match the blacklist. Fields left null are not part of the entry; the values are
 * written the way a person might type them (the matcher normalizes them).
 *
 * @param customerNo the generated customer it matches (for logs and tests, not part of the entry)
 * @param matchedOn  how it is meant to match: ID_NUMBER (STRONG), NAME_BIRTH_DATE or PHONE (WEAK)
 */
public record BlacklistCandidate(
        String customerNo,
        String matchedOn,
        @Nullable String idType,
        @Nullable String idNumber,
        @Nullable String name,
        @Nullable LocalDate birthDate,
        @Nullable String phone,
        String reasonCode) {

    public BlacklistCandidate {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(matchedOn, "matchedOn");
        Objects.requireNonNull(reasonCode, "reasonCode");
    }
}
