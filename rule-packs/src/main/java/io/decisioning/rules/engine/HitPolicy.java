package io.decisioning.rules.engine;

/**
 * How a pack's rules settle the outcomes a customer has only one of: the grade, the tier, the
 * decision and one warning per type. Declared in {@code pack.properties} as {@code hitPolicy}.
 * Score points add up under either policy.
 */
public enum HitPolicy {

    /**
     * Every rule that holds must be the only one: a customer given two grades (tiers, decisions) is
     * an error, so rules need guards such as {@code not GradeAssigned(customerNo == $p.customerNo)}.
     * The default, for packs that do not declare a policy.
     */
    UNIQUE,

    /**
     * The first that applies, as in DMN: of the rules of the pack that hold for a customer, the one
     * with the highest salience (a table's PRIORITY) gives the outcome; the engine sets the others
     * aside and shows only the winner's reason. No guards needed. Two rules of the same salience
     * that disagree are an error.
     */
    FIRST
}
