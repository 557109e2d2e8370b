package io.decisioning.service.system;

import java.time.Instant;
import org.springframework.security.authentication.LockedException;

/** A sign-in refused because the user is locked out after too many wrong passwords, until {@link #until()}. */
public class AccountLockedException extends LockedException {

    private final Instant until;
    private final int attempts;

    public AccountLockedException(String username, Instant until, int attempts) {
        super("User " + username + " is locked until " + until);
        this.until = until;
        this.attempts = attempts;
    }

    public Instant until() {
        return until;
    }

    /** The wrong passwords in a row that locked the user. */
    public int attempts() {
        return attempts;
    }
}
