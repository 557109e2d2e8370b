package io.decisioning.service.duelist;

/** What came of a salesperson's contact about a due-list item: their feedback (DESIGN.md section 11). */
enum ContactOutcome {
    CONTACTED, PROMISED, PAID, REFUSED, UNREACHABLE
}
