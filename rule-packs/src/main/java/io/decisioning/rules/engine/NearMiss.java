package io.decisioning.rules.engine;

import java.util.Objects;

/**
 * How near a customer came to a different outcome: "would be HIGH_QUALITY if claimFreeYears >= 3
 * (now 2)". Chosen by the engine for each pack with hit policy {@link HitPolicy#FIRST} and each kind
 * of outcome it decides (the grade, the tier, the decision, each warning type), at most one:
 * <ol>
 *   <li>rules of the pack that give that kind with a higher salience than the rule that gave the
 *       customer's outcome (any, when the pack gave none: a warning not raised), and a different
 *       outcome (a second rule for the same grade is no miss);</li>
 *   <li>whose conditions the engine can evaluate itself (thresholds on
 *       numeric profile fields, null checks, an earlier pack's grade, tier or decision); other rules
 *       are skipped;</li>
 *   <li>that fail on exactly one condition, a threshold on a known value (never a null check, a
 *       required grade or {@code !=}): the rule would hold if only that value were different;</li>
 *   <li>and only by a little: the change needed is at most a third of the larger of threshold and
 *       value (claim-free years 2 of 3, claims 4 of 5, loss ratio 0.7 of 1.0; not 0 claims of 3);</li>
 *   <li>the nearest of them (the smallest such share), and of equally near ones the highest salience.</li>
 * </ol>
 * A miss towards a worse outcome counts as much as one towards a better one ("would be POOR_QUALITY
 * if claims12m >= 3 (now 2)"): the engine does not rank outcomes, and an underwriter wants to know
 * either. Rules are compared one at a time, all other facts as they are.
 *
 * @param pack    the pack of the rule
 * @param version the pack's version
 * @param rule    the rule's name, starting with its stable ID ("GRD-060 High quality by claim-free years")
 * @param outcome what the rule gives: a grade, tier or decision ("HIGH_QUALITY"), a warning with its
 *                severity ("REPEAT_CLAIMANT:MEDIUM"); null when its action does not name it
 * @param message "would be HIGH_QUALITY if claimFreeYears >= 3 (now 2)", "would raise REPEAT_CLAIMANT
 *                MEDIUM if claims12m >= 3 (now 2)", or "GRD-060 would apply if ..." without an outcome; in Chinese
 *                "若连续无赔款年数 >= 3（现为 2），等级将为优质客户"
 */
public record NearMiss(String pack, int version, String rule, String outcome, Sentence message) {
    public NearMiss {
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
