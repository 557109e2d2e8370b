package io.decisioning.rules;

public enum Severity {
    LOW, MEDIUM, HIGH
}
