package io.decisioning.rules.engine;

import io.decisioning.rules.LinkOutcome;
import io.decisioning.rules.RecordPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One row of a scenario file of a pair pack (the {@code identity} pack): what two records have in
 * common and what the packs must decide. Columns: {@code scenario}, {@code note}, the flags of
 * {@link RecordPair} ({@code identityConflict}, {@code sameIdentity}, {@code sameName}, {@code sameBirthDate},
 * {@code samePhone}, {@code sameBranch}: blank is false; {@code sameCustomerType}: blank is true),
 * {@code expect link} (AUTO_LINK, REVIEW or NO_LINK) and {@code expect rules} (rule IDs, ';'-separated).
 */
record PairScenario(String file, int line, String name, RecordPair pair, Map<String, String> expectations) {

    static final List<String> FLAGS = List.of("identityConflict", "sameIdentity", "sameName", "sameBirthDate", "samePhone",
            "sameBranch", "sameCustomerType");
    static final List<String> OUTCOMES = List.of("link", "rules");

    static List<PairScenario> parse(String file, byte[] content, List<CompileError> errors) {
        return Scenario.parseRows(file, content, errors, FLAGS, OUTCOMES, PairScenario::of);
    }

    private static PairScenario of(String file, int line, Map<String, String> cells) {
        String name = cells.get("scenario");
        if (name == null) {
            throw new IllegalArgumentException("the scenario has no name");
        }
        RecordPair pair = new RecordPair("S-" + line, "A-" + line, "B-" + line, flag(cells, "identityConflict", false),
                flag(cells, "sameIdentity", false), flag(cells, "sameName", false), flag(cells, "sameBirthDate", false),
                flag(cells, "samePhone", false), flag(cells, "sameBranch", false), flag(cells, "sameCustomerType", true));
        Map<String, String> expectations = new LinkedHashMap<>();
        String link = cells.get("expect link");
        if (link != null) {
            try {
                expectations.put("link", LinkOutcome.valueOf(link.trim().toUpperCase(Locale.ROOT)).name());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expect link: '" + link + "' is not one of "
                        + Arrays.toString(LinkOutcome.values()), e);
            }
        }
        String rules = cells.get("expect rules");
        if (rules != null) {
            expectations.put("rules", String.join(";", new TreeSet<>(Arrays.stream(rules.split(";")).map(String::trim)
                    .filter(s -> !s.isEmpty()).toList())));
        }
        return new PairScenario(file, line, name, pair, expectations);
    }

    private static boolean flag(Map<String, String> cells, String column, boolean blank) {
        String cell = cells.get(column);
        if (cell == null) {
            return blank;
        }
        return switch (cell.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y" -> true;
            case "false", "no", "n" -> false;
            default -> throw new IllegalArgumentException(column + " must be true or false, was '" + cell + "'");
        };
    }

    /** How the scenario fared with these rules. */
    ScenarioResult run(RuleSet rules) {
        List<ScenarioResult.Mismatch> mismatches = new ArrayList<>();
        LinkDecision decision;
        try {
            decision = rules.link(List.of(pair)).get(0);
        } catch (EvaluationException e) {
            mismatches.add(new ScenarioResult.Mismatch("evaluation", "a complete evaluation", e.getMessage()));
            return new ScenarioResult(file, line, name, mismatches);
        }
        String link = expectations.get("link");
        if (link != null && !link.equals(decision.outcome().name())) {
            mismatches.add(new ScenarioResult.Mismatch("link", link, decision.outcome().name()));
        }
        String rulesExpected = expectations.get("rules");
        if (rulesExpected != null) {
            String fired = decision.reason().rule().split("\\s+", 2)[0];
            Set<String> missing = new TreeSet<>(Set.of(rulesExpected.split(";")));
            missing.remove(fired);
            if (!missing.isEmpty()) {
                mismatches.add(new ScenarioResult.Mismatch("rules", rulesExpected, fired));
            }
        }
        return new ScenarioResult(file, line, name, mismatches);
    }
}
