package io.decisioning.service.blacklist;

import io.decisioning.service.identity.IdType;
import io.decisioning.service.identity.MatchKeys;
import io.decisioning.service.system.PersonalData;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A blacklist entry as stored and as the API shows it (masked for roles that do not manage the blacklist). */
record BlacklistEntry(long id, @Nullable IdType idType, @Nullable String idNumber, @Nullable String name,
                      @Nullable LocalDate birthDate, @Nullable String phone, ReasonCode reasonCode, @Nullable String note,
                      @Nullable LocalDate expiresAt, EntryStatus status, String createdBy, Instant createdAt,
                      @Nullable String liftedBy, @Nullable Instant liftedAt, @Nullable String liftReason) {

    /** The entry with its identity number and phone masked (all but the last four), for roles that only look. */
    BlacklistEntry masked() {
        return new BlacklistEntry(id, idType, PersonalData.mask(idNumber), name, birthDate, PersonalData.mask(phone),
                reasonCode, note, expiresAt, status, createdBy, createdAt, liftedBy, liftedAt, liftReason);
    }

    MatchKeys keys() {
        return MatchKeys.of(idType == null ? null : idType.name(), idNumber, name, birthDate, phone);
    }
}
