package io.decisioning.service.identity;

/** The kinds of identity document (the {@code id_type} values of the CRM, DESIGN.md section 3). */
public enum IdType {
    RESIDENT_ID, PASSPORT, USCC, OTHER
}
