package io.decisioning.service.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules a proposal keeps (DESIGN.md section 12), checked over generated registers and books: no proposal puts a
 * manager over capacity, below the level the tier needs, or outside the customer's branch tree; the customer's own
 * branch before its parents, a manager of the party before all, the most free capacity first; nobody left unplaced
 * while a possible manager had room.
 */
class ProposalPlannerTests {

    private static final List<String> BRANCHES = List.of("HQ", "GD", "GD-SZ", "GD-SZ-FT", "GD-GZ", "ZJ", "ZJ-HZ", "SH");
    private static final String[] TIERS = {"PLATINUM", "GOLD", "SILVER", "STANDARD"};

    @Test
    void noProposalPutsAManagerOverCapacityBelowTheLevelOrOutsideTheBranchTreeOverAThousandGeneratedRegisters() {
        Random random = new Random(12);
        int proposed = 0;
        int unplaced = 0;
        for (int round = 0; round < 1_000; round++) {
            List<ProposalPlanner.Candidate> register = new ArrayList<>();
            int managers = 1 + random.nextInt(12);
            for (int m = 0; m < managers; m++) {
                int capacity = random.nextInt(6);
                register.add(new ProposalPlanner.Candidate("m" + m, BRANCHES.get(random.nextInt(BRANCHES.size())),
                        ManagerLevel.values()[random.nextInt(5)], capacity, random.nextInt(capacity + 2)));
            }
            Map<String, ProposalPlanner.Candidate> byCode = new HashMap<>();
            Map<String, Integer> load = new HashMap<>();
            register.forEach(c -> {
                byCode.put(c.code(), c);
                load.put(c.code(), c.load());
            });
            ProposalPlanner planner = new ProposalPlanner(register);
            int customers = random.nextInt(40);
            for (int i = 0; i < customers; i++) {
                String branch = BRANCHES.get(random.nextInt(BRANCHES.size()));
                String tier = TIERS[random.nextInt(TIERS.length)];
                ManagerLevel minimum = ProposalPlanner.minimumFor(tier);
                Set<String> party = random.nextInt(5) == 0 ? Set.of("m" + random.nextInt(managers)) : Set.of();
                Set<String> excluded = random.nextInt(4) == 0 ? Set.of("m" + random.nextInt(managers)) : Set.of();
                ProposalPlanner.Need need = new ProposalPlanner.Need(i, "C" + i, branch, minimum, null,
                        ProposalReason.NO_MANAGER, party, excluded);
                List<ProposalPlanner.Candidate> possible = register.stream()
                        .filter(c -> ProposalPlanner.branchTree(branch).contains(c.branchCode()))
                        .filter(c -> c.level().compareTo(minimum) >= 0 && !excluded.contains(c.code()))
                        .filter(c -> load.get(c.code()) < c.capacity())
                        .toList();

                Optional<String> chosen = planner.choose(need);

                if (chosen.isEmpty()) {
                    assertThat(possible).as("unplaced while a manager had room").isEmpty();
                    unplaced++;
                    continue;
                }
                proposed++;
                ProposalPlanner.Candidate target = byCode.get(chosen.get());
                assertThat(load.get(target.code())).as("capacity").isLessThan(target.capacity());
                assertThat(target.level()).as("level").isGreaterThanOrEqualTo(minimum);
                assertThat(ProposalPlanner.branchTree(branch)).as("branch tree").contains(target.branchCode());
                assertThat(excluded).doesNotContain(target.code());
                boolean partyPossible = possible.stream().anyMatch(c -> party.contains(c.code()));
                if (partyPossible) {
                    assertThat(party).as("a manager of the party first of all").contains(target.code());
                } else {
                    int distance = ProposalPlanner.branchTree(branch).indexOf(target.branchCode());
                    assertThat(possible).as("nearest branch first").allSatisfy(c ->
                            assertThat(ProposalPlanner.branchTree(branch).indexOf(c.branchCode())).isGreaterThanOrEqualTo(distance));
                    int free = target.capacity() - load.get(target.code());
                    assertThat(possible.stream().filter(c -> c.branchCode().equals(target.branchCode())))
                            .as("most free capacity first").allSatisfy(c ->
                                    assertThat(c.capacity() - load.get(c.code())).isLessThanOrEqualTo(free));
                }
                load.merge(target.code(), 1, Integer::sum);
            }
        }
        assertThat(proposed).isGreaterThan(1_000);
        assertThat(unplaced).isGreaterThan(100);
    }

    @Test
    void theBranchTreeRunsUpToHeadOffice() {
        assertThat(ProposalPlanner.branchTree("GD-SZ-FT")).containsExactly("GD-SZ-FT", "GD-SZ", "GD", "HQ");
        assertThat(ProposalPlanner.branchTree("HQ")).containsExactly("HQ");
        assertThat(ProposalPlanner.minimumFor("PLATINUM")).isEqualTo(ManagerLevel.SENIOR);
        assertThat(ProposalPlanner.minimumFor("GOLD")).isEqualTo(ManagerLevel.REGULAR);
        assertThat(ProposalPlanner.minimumFor("STANDARD")).isEqualTo(ManagerLevel.TRAINEE);
    }
}
