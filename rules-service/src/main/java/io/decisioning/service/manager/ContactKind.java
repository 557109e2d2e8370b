package io.decisioning.service.manager;

/**
 * How a manager was in touch with a customer (DESIGN.md section 12): a visit in person (key customers monthly), a
 * telephone return visit (high-quality individuals quarterly), a care contact (a birthday, a festival), a satisfaction
 * survey (with a score of 1-5).
 */
public enum ContactKind {
    VISIT, PHONE, CARE, SURVEY
}
