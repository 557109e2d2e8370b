package io.decisioning.service.blacklist;

/** Why someone is on the blacklist. */
public enum ReasonCode {
    FRAUD, MISREPRESENTATION, PREMIUM_DEFAULT, SANCTIONS, OTHER
}
