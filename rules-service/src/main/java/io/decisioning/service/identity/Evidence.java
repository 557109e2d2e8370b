package io.decisioning.service.identity;

/** What two records of one party have in common (DESIGN.md section 10, the party API's {@code evidence}). */
public enum Evidence {
    /** The same resident ID (a 15-digit one in its 18-digit form). */
    ID_NUMBER,
    NAME,
    BIRTH_DATE,
    PHONE,
    /** The same organization code: of a USCC, or an OTHER id that is one. */
    ORG_CODE,
    /** The same passport number with the same name. */
    PASSPORT
}
