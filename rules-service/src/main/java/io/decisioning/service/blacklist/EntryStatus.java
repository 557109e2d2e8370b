package io.decisioning.service.blacklist;

/** An entry is ACTIVE until lifted; an expired entry stays ACTIVE but no longer matches. */
enum EntryStatus {
    ACTIVE, LIFTED
}
