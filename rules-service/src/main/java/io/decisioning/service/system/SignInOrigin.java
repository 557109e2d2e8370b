package io.decisioning.service.system;

/**
 * Where a user's sign-in is checked (DESIGN.md section 14): the service's own password ({@code LOCAL}, HTTP Basic),
 * the company's OpenID Connect provider (a bearer token) or its LDAP / Active Directory (HTTP Basic, checked by a
 * bind). A directory user's roles and branch come from their provider, and they change their password there.
 */
public enum SignInOrigin {
    LOCAL, OIDC, LDAP;

    private static final String MARKER = "!";

    /** The password hash column of a directory user: a marker no password matches, never a hash. */
    public String passwordMarker() {
        return this == LOCAL ? "" : MARKER + name();
    }

    /** Whether a stored password hash is a directory user's marker rather than a hash. */
    public static boolean isPasswordMarker(String stored) {
        return stored.startsWith(MARKER);
    }
}
