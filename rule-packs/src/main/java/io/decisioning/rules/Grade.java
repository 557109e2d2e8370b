package io.decisioning.rules;

/** A customer's grade: what the customer is worth to the insurer and how well they behave. */
public enum Grade {
    KEY_ACCOUNT, HIGH_QUALITY, STANDARD, POOR_QUALITY,
    /** An applicant who is not yet a customer. */
    NEW
}
