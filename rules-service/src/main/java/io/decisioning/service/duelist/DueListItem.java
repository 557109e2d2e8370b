package io.decisioning.service.duelist;

import io.decisioning.rules.engine.Sentence;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An item of a due list as the API shows it: the contract fields of DESIGN.md section 11 first (what fell due,
 * and the customer's tier, churn score, account manager, branch and reasons as of the day the list was
 * generated; the feedback), then who gave the feedback and when, and the customer's name and phone as the CRM
 * has them now, for the call (the phone masked but for its last four digits for a reader who does not call).
 *
 * @param partyNo    null while the customer's record has no party yet
 * @param tier       null when the customer had no assessment
 * @param churnScore null when the retention rules gave the customer none
 * @param reasons    the sentences a salesperson reads ("2 missed payments in 12 months"); empty when none
 */
record DueListItem(long id, String customerNo, @Nullable Long partyNo, String policyNo, DueKind kind, LocalDate dueDate,
                   BigDecimal amount, @Nullable String tier, @Nullable Integer churnScore, @Nullable String accountManager,
                   String branchCode, List<Sentence> reasons, @Nullable ContactOutcome outcome, @Nullable String outcomeNote,
                   @Nullable String outcomeBy, @Nullable Instant outcomeAt, @Nullable String customerName,
                   @Nullable String phone) {

    DueListItem {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(policyNo, "policyNo");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(branchCode, "branchCode");
        reasons = List.copyOf(reasons);
    }
}
