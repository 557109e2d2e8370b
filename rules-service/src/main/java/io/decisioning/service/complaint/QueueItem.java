package io.decisioning.service.complaint;

import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * One complaint of the time-limit work queue (DESIGN.md section 13, contract fields first), as the CRM keeps it and as
 * the rules last clocked it.
 *
 * @param customerNo the complainant's customer number; null for a complaint without a customer
 * @param channel    as the CRM gives it (a value the service does not know as well: then the state is UNCLASSIFIED)
 * @param deadline   the last day a decision is in time; null without a time limit
 * @param state      see {@link QueueState}
 * @param daysLeft   days from today to the deadline (0 on the day, negative past it) while the complaint is open;
 *                   null otherwise
 * @param status     the CRM's status of the case
 * @param rule       the rule that decided the state ("CMP-021 Open complaint with 3 days or fewer left"); null without one
 */
public record QueueItem(String complaintNo, @Nullable String customerNo, String channel, @Nullable String category,
                        String complexity, Instant receivedAt, @Nullable LocalDate deadline, QueueState state,
                        @Nullable Integer daysLeft, String branchCode, String status, @Nullable Instant decidedAt,
                        @Nullable String rootCause, @Nullable String rule) {
}
