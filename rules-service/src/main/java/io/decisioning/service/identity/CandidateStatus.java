package io.decisioning.service.identity;

/** Where a review candidate stands (DESIGN.md section 10). */
public enum CandidateStatus {
    PENDING, MERGED, REJECTED
}
