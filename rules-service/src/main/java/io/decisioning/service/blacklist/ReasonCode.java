package io.decisioning.service.blacklist;

/** Why someone is on the blacklist. */
enum ReasonCode {
    FRAUD, MISREPRESENTATION, PREMIUM_DEFAULT, SANCTIONS, OTHER
}
