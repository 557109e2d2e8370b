package io.decisioning.rules;

/** The answer to an underwriter's pre-bind check. */
public enum Decision {
    ACCEPT, REFER, DECLINE
}
