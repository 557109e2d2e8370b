-- Users and roles in the database (issue 5), and indexes for reading the audit trail through the API.

-- The people and systems that sign in (HTTP Basic). Passwords are BCrypt hashes, never the password.
-- roles is a comma-separated list of Role names ('ANALYST,APPROVER') rather than a child table: the
-- roles are a small closed set (an enum in the service, which alone writes this column and rejects
-- unknown names), they are always read and written with the user as a whole (one primary-key read per
-- sign-in, one UPDATE per change), and no query asks "who has role X" across users. The binary
-- collation makes 'Admin' a different (and invalid) name from 'admin'.
CREATE TABLE app_user (
    username      VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash VARCHAR(100) NOT NULL,   -- BCrypt: $2a$10$ + 53 characters
    roles         VARCHAR(200) NOT NULL,   -- e.g. 'ADMIN' or 'ANALYST,APPROVER'
    branch_code   VARCHAR(32)  NOT NULL,   -- 'HQ' sees every branch; 'GD' sees 'GD' and 'GD-SZ'
    enabled       BOOLEAN      NOT NULL,   -- a disabled user cannot sign in; users are never deleted
    created_at    DATETIME(3)  NOT NULL,
    created_by    VARCHAR(64)  NOT NULL,   -- 'system' for the demo users
    updated_at    DATETIME(3)  NOT NULL,
    updated_by    VARCHAR(64)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- GET /api/v1/audit filters by action (newest first) and by time; actor and target have indexes (V2).
CREATE INDEX ix_audit_action ON audit_event (action, id);
CREATE INDEX ix_audit_occurred_at ON audit_event (occurred_at);
