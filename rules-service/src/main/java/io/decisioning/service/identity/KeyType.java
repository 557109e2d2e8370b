package io.decisioning.service.identity;

import io.decisioning.rules.MatchField;

/**
 * The kinds of key kept in {@code customer_match_key}: the three the blacklist matches on (DESIGN.md
 * section 4, the names of {@link MatchField}) and the two that find records of one person or
 * organization (section 10).
 */
public enum KeyType {
    /** The id type and normalized number; a 15-digit resident ID in its 18-digit form. */
    ID_NUMBER,
    NAME_BIRTH_DATE,
    PHONE,
    /**
     * The identity a party is linked on: a valid resident ID, the organization code of a USCC (or of an
     * OTHER id that is one), a passport number with the name.
     */
    IDENTITY,
    /** The normalized name with the phone: the same name at the same number is worth a person's look. */
    NAME_PHONE;

    /** The key type of a blacklist match field. */
    public static KeyType of(MatchField field) {
        return valueOf(field.name());
    }
}
