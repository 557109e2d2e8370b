package io.decisioning.service.manager;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A proposal to give a customer another account manager (DESIGN.md section 12, contract fields), with who decided it,
 * when, and a note (why it was rejected; "withdrawn: ..." when the service rejected it itself).
 */
public record AssignmentProposal(long id, String customerNo, @Nullable String fromManager, String toManager,
                                 ProposalReason reason, ProposalStatus status, Instant createdAt,
                                 @Nullable String decidedBy, @Nullable Instant decidedAt, @Nullable String note,
                                 String branchCode) {
}
