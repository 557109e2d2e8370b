package io.decisioning.rules;

/** The service tier that a grade (and the warnings) lead to. */
public enum Tier {
    PLATINUM, GOLD, SILVER, STANDARD, RESTRICTED;

    /** VIP customers are those in the two top tiers. */
    public boolean vip() {
        return this == PLATINUM || this == GOLD;
    }
}
