package io.decisioning.service.system;

/**
 * The user of a request was disabled, or their password, roles or branch changed, after this node
 * remembered their sign-in: nothing of the request is stored, and it is refused (401) so the client
 * signs in again.
 */
public class SignInChangedException extends RuntimeException {

    private final String username;

    public SignInChangedException(String username) {
        super("The account " + username + " changed since it signed in on this node; sign in again.");
        this.username = username;
    }

    public String username() {
        return username;
    }
}
