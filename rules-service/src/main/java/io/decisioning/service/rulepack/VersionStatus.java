package io.decisioning.service.rulepack;

/**
 * Where a rule pack version is in its lifecycle: a DRAFT when stored; PUBLISHED (at most one version
 * of a pack at a time) once an approver publishes it; RETIRED when another version is published in
 * its place. A rollback publishes a RETIRED version again.
 */
enum VersionStatus {
    DRAFT, PUBLISHED, RETIRED
}
