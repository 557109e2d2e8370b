package io.decisioning.service.manager;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the manager each customer is proposed to (DESIGN.md section 12), in memory, one customer after another so
 * that each choice counts against the manager's free capacity for the next: an ACTIVE manager of the customer's
 * branch, else of the nearest parent branch (up to head office), of at least the level the customer's tier needs,
 * with free capacity; of those, one who already serves another record of the customer's party first of all, then the
 * nearest branch, then the most free capacity (then the code, so that a plan is reproducible). No choice puts a manager
 * over capacity, below the level, or outside the customer's branch tree ({@code ProposalPlannerTests} checks it over
 * generated registers).
 */
final class ProposalPlanner {

    /** An ACTIVE manager who may be proposed, with their load: customers today plus open proposals to them. */
    record Candidate(String code, String branchCode, ManagerLevel level, int capacity, int load) {
    }

    /**
     * A customer who needs a manager.
     *
     * @param minimum        the lowest level their tier allows
     * @param partyManagers  the managers of the other records of their party (preferred)
     * @param excluded       managers never to propose (the one they have, one who is leaving)
     */
    record Need(long customerId, String customerNo, String branchCode, ManagerLevel minimum, @Nullable String fromManager,
                ProposalReason reason, Set<String> partyManagers, Set<String> excluded) {
    }

    private final Map<String, List<Slot>> byBranch = new HashMap<>();

    /** A candidate's free capacity as the plan goes. */
    private static final class Slot {
        final Candidate candidate;
        int load;

        Slot(Candidate candidate) {
            this.candidate = candidate;
            this.load = candidate.load();
        }

        int free() {
            return candidate.capacity() - load;
        }
    }

    ProposalPlanner(List<Candidate> candidates) {
        for (Candidate candidate : candidates) {
            byBranch.computeIfAbsent(candidate.branchCode(), b -> new ArrayList<>()).add(new Slot(candidate));
        }
    }

    /** The manager to propose the customer to, counted against their capacity; empty when none is possible. */
    Optional<String> choose(Need need) {
        List<String> tree = branchTree(need.branchCode());
        Slot best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean bestParty = false;
        for (int distance = 0; distance < tree.size(); distance++) {
            for (Slot slot : byBranch.getOrDefault(tree.get(distance), List.of())) {
                Candidate c = slot.candidate;
                if (slot.free() <= 0 || c.level().compareTo(need.minimum()) < 0 || need.excluded().contains(c.code())) {
                    continue;
                }
                boolean party = need.partyManagers().contains(c.code());
                if (best == null || better(party, distance, slot, bestParty, bestDistance, best)) {
                    best = slot;
                    bestDistance = distance;
                    bestParty = party;
                }
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        best.load++;
        return Optional.of(best.candidate.code());
    }

    private static boolean better(boolean party, int distance, Slot slot, boolean bestParty, int bestDistance, Slot best) {
        if (party != bestParty) {
            return party;
        }
        if (distance != bestDistance) {
            return distance < bestDistance;
        }
        if (slot.free() != best.free()) {
            return slot.free() > best.free();
        }
        return SLOT_ORDER.compare(slot, best) < 0;
    }

    private static final Comparator<Slot> SLOT_ORDER = Comparator.comparing(s -> s.candidate.code());

    /** The branch, its parents nearest first, and head office last: GD-SZ-FT, GD-SZ, GD, HQ. */
    static List<String> branchTree(String branch) {
        List<String> tree = new ArrayList<>();
        String b = branch;
        while (true) {
            tree.add(b);
            int dash = b.lastIndexOf('-');
            if (dash < 0) {
                break;
            }
            b = b.substring(0, dash);
        }
        if (!tree.contains(io.decisioning.service.system.UserAccount.HEAD_OFFICE)) {
            tree.add(io.decisioning.service.system.UserAccount.HEAD_OFFICE);
        }
        return tree;
    }

    /** The lowest level a tier's customer may be looked after by: PLATINUM SENIOR, GOLD REGULAR, others any. */
    static ManagerLevel minimumFor(String tier) {
        return switch (tier) {
            case "PLATINUM" -> ManagerLevel.SENIOR;
            case "GOLD" -> ManagerLevel.REGULAR;
            default -> ManagerLevel.TRAINEE;
        };
    }
}
