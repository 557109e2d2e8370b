package io.decisioning.service.identity;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A pair of records for review (DESIGN.md section 10): the two records, what they share, the identity
 * pack's rule that asked for review, and what a person decided.
 */
public record CandidateView(long id, String customerNoA, String customerNoB, List<Evidence> evidence, String rule,
                            CandidateStatus status, Instant createdAt, @Nullable String decidedBy,
                            @Nullable Instant decidedAt, @Nullable String note) {

    public CandidateView {
        evidence = List.copyOf(evidence);
    }

    /** A page of candidates, newest first, and how many there are in all. */
    public record Page(List<CandidateView> items, long total) {

        public Page {
            items = List.copyOf(items);
        }
    }
}
