package io.decisioning.service.demo;

import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A complaint of the demo book as the CRM keeps it (DESIGN.md section 13): its customer (null for a complainant who is
 * no customer) and policy, channel, category (null until classified), complexity, branch, when it was received and
 * decided (UTC), status and root cause.
 */
record DemoComplaint(String complaintNo, @Nullable String customerNo, @Nullable String policyNo, String channel,
                     @Nullable String category, String complexity, String branchCode, LocalDateTime receivedAt,
                     String status, @Nullable LocalDateTime decidedAt, @Nullable String rootCause) {
}
