package io.decisioning.service.rulepack;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.LinkOutcome;
import io.decisioning.service.identity.LinkingImpact;
import io.decisioning.service.system.Role;
import io.decisioning.service.system.UserAccount;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A simulation as a user sees it (GET .../simulation and the version view alike): the book's counts, and only
 * the examples of customers and pairs in the user's branch scope.
 */
class SimulationVisibilityTests {

    private static final UserAccount GUANGDONG = new UserAccount("gd", "x", Set.of(Role.ANALYST), "GD");

    @Test
    void aBranchUserSeesTheCountsOfTheBookAndOnlyTheExamplesOfTheirBranch() {
        Simulation simulation = simulation(
                List.of(new Simulation.Examples("grade", "STANDARD", "KEY_ACCOUNT", List.of(
                        new Simulation.Example(1, "C1", "GD"), new Simulation.Example(2, "C2", "SH"),
                        new Simulation.Example(3, "C3", "GD-SZ"), new Simulation.Example(4, "C4", "GD")))),
                new LinkingImpact(10, 5, 2, List.of(), 9, 8, 2, 3, 2, List.of(new LinkingImpact.Change(LinkOutcome.REVIEW,
                        LinkOutcome.AUTO_LINK, 2, List.of(
                                new LinkingImpact.ExamplePair("C5", "GD", "C6", "SH", "IDN-040", "IDN-041"),
                                new LinkingImpact.ExamplePair("C7", "GD", "C8", "GD-SZ", "IDN-040", "IDN-041"))))));

        Simulation seen = simulation.visibleTo(GUANGDONG, 2);

        assertThat(seen.examples().get(0).customers()).extracting(Simulation.Example::customerNo).containsExactly("C1", "C3");
        assertThat(seen.identity().changes().get(0).examples()).extracting(LinkingImpact.ExamplePair::customerNoA)
                .containsExactly("C7");
        assertThat(seen.changed()).isEqualTo(simulation.changed());
        assertThat(seen.identity().changedPairs()).isEqualTo(2);
        assertThat(seen.identity().changes().get(0).pairs()).as("the book's count, not the examples'").isEqualTo(2);
    }

    private static Simulation simulation(List<Simulation.Examples> examples, LinkingImpact identity) {
        return new Simulation("grading", 2, SimulationStatus.DONE, Map.of("grading", 1), "analyst", Instant.EPOCH, Instant.EPOCH,
                100, 100, 4, BigDecimal.TEN, 0, List.of(), examples, null, identity);
    }
}
