package io.decisioning.service.system;

import org.springframework.security.authentication.DisabledException;

/**
 * The service's own row of a user the company's identity provider signed in ({@code app_user}, V28): written at
 * their first sign-in and brought up to date with the roles and branch the provider gives, so that the audit trail,
 * the user list and the proof of an unchanged sign-in ({@link SignIn}) read them like any other user.
 */
public interface DirectoryAccounts {

    /**
     * The signed-in user for what the provider vouches for.
     *
     * @throws SignInRefusedException if the name is not one the service can keep, or is that of one of its own users
     * @throws DisabledException      if an administrator disabled the user in the service
     */
    UserAccount signIn(DirectoryUser user);
}
