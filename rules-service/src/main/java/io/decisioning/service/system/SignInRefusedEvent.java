package io.decisioning.service.system;

import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/** A sign-in the identity provider vouched for but the service refused ({@link SignInRefusedException}). */
public class SignInRefusedEvent extends AbstractAuthenticationFailureEvent {

    public SignInRefusedEvent(Authentication authentication, AuthenticationException exception) {
        super(authentication, exception);
    }
}
