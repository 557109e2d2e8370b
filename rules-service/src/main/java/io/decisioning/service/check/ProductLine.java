package io.decisioning.service.check;

/** Product lines of the CRM (DESIGN.md section 3). */
enum ProductLine {
    AUTO, PROPERTY, LIFE, HEALTH, ACCIDENT, LIABILITY, CARGO
}
