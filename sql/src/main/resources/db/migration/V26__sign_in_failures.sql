-- Failed sign-ins (DESIGN.md section 14): how many times in a row a user's password was wrong, and until when the user
-- is locked out after too many (rules.security.lockout.*). A right password sets the count back to 0.
ALTER TABLE app_user
    ADD COLUMN failed_sign_ins INT         NOT NULL DEFAULT 0,
    ADD COLUMN locked_until    DATETIME(3) NULL;
