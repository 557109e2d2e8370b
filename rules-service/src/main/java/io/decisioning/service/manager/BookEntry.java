package io.decisioning.service.manager;

import io.decisioning.rules.Entitlement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One customer of an account manager's book (DESIGN.md section 12): what the manager opens every morning.
 *
 * @param nextVisitDue when the next contact is due: a visit a month (31 days) after the last for a PLATINUM customer, a
 *                     call a quarter (92 days) after the last contact for a GOLD one; today when never; null for the
 *                     others (no regular contact is due)
 * @param openWarnings the types of the customer's OPEN and ACKNOWLEDGED warnings (their party's)
 */
public record BookEntry(String customerNo, String name, String branchCode, @Nullable String tier, boolean vip,
                        List<Entitlement> entitlements, @Nullable Instant lastContactAt, @Nullable Instant lastVisitAt,
                        @Nullable LocalDate nextVisitDue, List<String> openWarnings) {
}
