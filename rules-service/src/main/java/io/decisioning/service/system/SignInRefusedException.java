package io.decisioning.service.system;

import io.decisioning.rules.engine.Sentence;
import org.springframework.security.core.AuthenticationException;

/**
 * The identity provider knows the person, but the service will not let them in: none of their groups or roles is
 * one of the service's, their branch is missing, or their name is that of one of the service's own users. Answered
 * with 403 and the reason ({@link ProblemWriter}), audited and counted; never a default role.
 */
public class SignInRefusedException extends AuthenticationException {

    private final String username;
    private final Sentence reason;

    public SignInRefusedException(String username, Sentence reason) {
        super(reason.en());
        this.username = username;
        this.reason = reason;
    }

    /** The name the provider gave. */
    public String username() {
        return username;
    }

    public Sentence reason() {
        return reason;
    }
}
