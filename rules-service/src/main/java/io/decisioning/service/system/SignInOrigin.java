package io.decisioning.service.system;

/**
 * Where a user's sign-in is checked (DESIGN.md section 14): the service's own password ({@code LOCAL}, HTTP Basic),
 * the company's OpenID Connect provider (a bearer token) or its LDAP / Active Directory (HTTP Basic, checked by a
 * bind). A directory user's roles and branch come from their provider, and they change their password there.
 */
public enum SignInOrigin {
    LOCAL, OIDC, LDAP;

    /** The password hash column of a directory user: a marker no password matches, never a hash. */
    public String passwordMarker() {
        return this == LOCAL ? "" : "!" + name();
    }
}
