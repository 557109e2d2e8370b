package io.decisioning.rules;

/** Which customer data matched a blacklist entry. */
public enum MatchField {
    ID_NUMBER, NAME_BIRTH_DATE, PHONE
}
