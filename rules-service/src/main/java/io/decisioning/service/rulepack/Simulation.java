package io.decisioning.service.rulepack;

import io.decisioning.service.identity.LinkingImpact;
import io.decisioning.service.system.UserAccount;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a version would change if it replaced the published version of its pack, over the whole book
 * (DESIGN.md section 5): how many customers change grade, tier, warnings or pre-bind decision, the
 * transitions with their counts and the annual premium they carry, and examples of each.
 *
 * @param customers customers in the book when the simulation started
 * @param processed customers compared so far
 * @param changed   customers with at least one transition
 * @param changedPremium the annual premium of those customers, each counted once (null for a simulation
 *                  kept from before it was recorded)
 * @param failed    customers the version could not evaluate (fails the simulation)
 * @param identity  for a version of the {@code identity} pack, which decides about pairs of records rather than
 *                  customers: how the book's pairs, parties and review queue would change; then
 *                  {@code processed} counts the book, {@code changed} the records whose party would change, and
 *                  there are no transitions. Null for every other pack
 */
public record Simulation(String pack, int version, SimulationStatus status, Map<String, Integer> againstVersions,
                         String requestedBy, Instant startedAt, @Nullable Instant finishedAt, long customers,
                         long processed, long changed, @Nullable BigDecimal changedPremium, long failed,
                         List<Transition> transitions,
                         List<Examples> examples, @Nullable String error, @Nullable LinkingImpact identity) {

    /**
     * This simulation with only the examples {@code user} may see (customers, and pairs whose two records are in
     * the user's branch scope), at most {@code perChange} of each transition or change of outcome; the counts are
     * the book's.
     */
    public Simulation visibleTo(UserAccount user, int perChange) {
        List<Examples> visible = examples.stream()
                .map(e -> new Examples(e.field(), e.from(), e.to(),
                        e.customers().stream().filter(c -> user.canSee(c.branchCode())).limit(perChange).toList()))
                .toList();
        LinkingImpact pairs = identity == null ? null : new LinkingImpact(identity.records(), identity.pairs(),
                identity.changedPairs(), identity.outcomes(), identity.partiesNow(), identity.partiesDraft(),
                identity.recordsChangingParty(), identity.reviewQueueNow(), identity.reviewQueueDraft(),
                identity.changes().stream()
                        .map(c -> c.withExamples(c.examples().stream()
                                .filter(e -> user.canSee(e.branchCodeA()) && user.canSee(e.branchCodeB()))
                                .limit(perChange).toList()))
                        .toList());
        return new Simulation(pack, version, status, againstVersions, requestedBy, startedAt, finishedAt, customers,
                processed, changed, changedPremium, failed, transitions, visible, error, pairs);
    }

    /** Customers whose {@code field} goes from {@code from} to {@code to}, and their annual premium. */
    public record Transition(String field, String from, String to, long count, BigDecimal annualPremium) {
    }

    /** Some customers of one transition. */
    public record Examples(String field, String from, String to, List<Example> customers) {

        public Examples {
            customers = List.copyOf(customers);
        }
    }

    public record Example(long customerId, String customerNo, String branchCode) {
    }

    /** A customer's change of one field, as the simulation found it (all of them are kept, not only examples). */
    public record Change(String customerNo, String name, String branchCode, String field, String from, String to,
                         BigDecimal annualPremium) {
    }
}
