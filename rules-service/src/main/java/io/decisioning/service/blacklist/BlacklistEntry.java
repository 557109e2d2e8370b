package io.decisioning.service.blacklist;

import io.decisioning.service.customer.IdType;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A blacklist entry as stored and as the API shows it. */
record BlacklistEntry(long id, @Nullable IdType idType, @Nullable String idNumber, @Nullable String name,
                      @Nullable LocalDate birthDate, @Nullable String phone, ReasonCode reasonCode, @Nullable String note,
                      @Nullable LocalDate expiresAt, EntryStatus status, String createdBy, Instant createdAt,
                      @Nullable String liftedBy, @Nullable Instant liftedAt, @Nullable String liftReason) {

    MatchKeys keys() {
        return MatchKeys.of(idType == null ? null : idType.name(), idNumber, name, birthDate, phone);
    }
}
