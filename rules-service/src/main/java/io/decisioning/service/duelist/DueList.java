package io.decisioning.service.duelist;

import java.time.Instant;
import java.util.Objects;

/**
 * A generated due list without its items: the month, when and by whom it was last generated ("scheduler" for the
 * monthly trigger), and its figures: items of each kind, and the DUE instalments of the month left out because
 * their policy is unknown or belongs to another customer than the instalment's. The figures are the whole list's,
 * whoever asks.
 */
record DueList(String month, Instant generatedAt, String generatedBy, int installments, int renewals,
               int skippedUnknownPolicy) {

    DueList {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(generatedBy, "generatedBy");
    }
}
