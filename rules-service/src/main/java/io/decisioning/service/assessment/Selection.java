package io.decisioning.service.assessment;

import io.decisioning.service.identity.MatchKeys;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which customers an evaluation takes: a range of customer ids (a nightly chunk, a window of a
 * simulation), a list of ids (a batch of events, the customers a blacklist entry matches) or one
 * customer number (a pre-bind check, a manual evaluation). Exactly one of the three is given.
 *
 * @param stated identity details an applicant stated in a pre-bind check of this customer, matched
 *               against the blacklist besides the CRM row's; null when there are none
 * @param also   more customers taken with the ids or the customer number: the other records of their
 *               parties, whose outcomes are theirs (DESIGN.md section 10)
 */
public record Selection(@Nullable IdRange range, List<Long> ids, @Nullable String customerNo,
                        @Nullable MatchKeys stated, List<Long> also) {

    public Selection {
        ids = List.copyOf(ids);
        also = List.copyOf(also);
        if (!also.isEmpty() && range != null) {
            throw new IllegalArgumentException("a range is taken as it is");
        }
        int given = (range != null ? 1 : 0) + (ids.isEmpty() ? 0 : 1) + (customerNo != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("a selection is a range, ids or a customer number");
        }
        if (stated != null && customerNo == null) {
            throw new IllegalArgumentException("stated details go with one customer number");
        }
    }

    public static Selection range(IdRange range) {
        return new Selection(Objects.requireNonNull(range, "range"), List.of(), null, null, List.of());
    }

    /** These customers; ids of customers that do not exist are left out of the evaluation. */
    public static Selection ids(List<Long> ids) {
        return new Selection(null, ids.stream().distinct().sorted().toList(), null, null, List.of());
    }

    public static Selection customerNo(String customerNo) {
        return new Selection(null, List.of(), Objects.requireNonNull(customerNo, "customerNo"), null, List.of());
    }

    /** One customer, checked with the details an applicant stated (which may differ from the CRM's). */
    public static Selection customerNo(String customerNo, MatchKeys stated) {
        return new Selection(null, List.of(), Objects.requireNonNull(customerNo, "customerNo"), stated, List.of());
    }

    /** This selection with these customers too (the other records of the selected customers' parties). */
    public Selection with(List<Long> more) {
        return new Selection(range, ids, customerNo, stated, more.stream().distinct().sorted().toList());
    }
}
