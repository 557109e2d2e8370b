package io.decisioning.rules;

public enum WarningType {
    REPEAT_CLAIMANT, HIGH_LOSS_RATIO, EARLY_CLAIM, BLACKLISTED
}
