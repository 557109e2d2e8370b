-- Users of the company's identity provider (DESIGN.md section 14): people who sign in with an OpenID Connect token
-- or an LDAP / Active Directory password have a row too, written at their first sign-in and brought up to date with
-- the roles and branch their provider gives at each later one. The row is what the audit trail, the user list and
-- the proof of an unchanged sign-in (SignIn.ifUnchanged) read, as for the service's own users; an administrator may
-- disable such a user here, but their roles, branch and password belong to the provider.
--   origin: 'LOCAL' (a password kept here, HTTP Basic), 'OIDC' or 'LDAP'.
-- A directory user's password_hash is a marker no password matches ('!OIDC', '!LDAP'), never a hash.
ALTER TABLE app_user
    ADD COLUMN origin VARCHAR(8) NOT NULL DEFAULT 'LOCAL';
