package io.decisioning.rules;

/** What the {@code identity} pack decides for two CRM records (DESIGN.md section 10). */
public enum LinkOutcome {
    /** The same person or organization: the records join one party without a person's look. */
    AUTO_LINK,
    /** Maybe the same: a candidate for a person to merge or keep apart. */
    REVIEW,
    /** Not linked (and, for two different identity numbers, never merged). */
    NO_LINK
}
