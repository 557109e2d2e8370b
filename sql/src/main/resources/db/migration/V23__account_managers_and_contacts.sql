-- The account-manager system (DESIGN.md section 12): the service's register of account managers, the contacts
-- managers log (or the CRM posts), and a summary of each customer's latest contacts that evaluations join.
-- The CRM keeps customer.account_manager (V1); a code there that is not in the register reads UNKNOWN.

CREATE TABLE account_manager (
    code            VARCHAR(64)  NOT NULL PRIMARY KEY,  -- as customer.account_manager names them; a user of that name signs in as the manager
    name            VARCHAR(200) NOT NULL,
    branch_code     VARCHAR(32)  NOT NULL,
    level           VARCHAR(16)  NOT NULL,              -- TRAINEE | JUNIOR | REGULAR | SENIOR | PRINCIPAL
    capacity        INT          NOT NULL,              -- the most customers the manager looks after
    status          VARCHAR(16)  NOT NULL,              -- ACTIVE | ON_LEAVE | LEFT
    qualified_until DATE         NULL,                  -- managers are re-qualified yearly
    created_at      DATETIME(3)  NOT NULL,
    created_by      VARCHAR(64)  NOT NULL,
    updated_at      DATETIME(3)  NOT NULL,
    updated_by      VARCHAR(64)  NOT NULL,
    KEY ix_account_manager_branch (branch_code, status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per contact with a customer. occurred_at is UTC, like every DATETIME of the service; manager_code is the
-- customer's account manager when the contact was logged (the monthly visit report counts it for them).
CREATE TABLE customer_contact (
    id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id  BIGINT        NOT NULL,
    customer_no  VARCHAR(32)   NOT NULL,
    kind         VARCHAR(16)   NOT NULL,              -- VISIT | PHONE | CARE | SURVEY
    occurred_at  DATETIME(3)   NOT NULL,
    by_user      VARCHAR(64)   NOT NULL,
    manager_code VARCHAR(64)   NULL,
    satisfaction TINYINT       NULL,                  -- 1-5, surveys
    note         VARCHAR(1000) NULL,
    created_at   DATETIME(3)   NOT NULL,
    KEY ix_customer_contact_customer (customer_id, occurred_at),
    KEY ix_customer_contact_kind (customer_id, kind, occurred_at),
    KEY ix_customer_contact_manager (manager_code, occurred_at),
    KEY ix_customer_contact_occurred (occurred_at)     -- a month's contacts, for the visit report
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The latest visit and contact of each customer with any, kept with every contact stored: an evaluation as of
-- today joins one row by primary key instead of reading a customer's contacts (an evaluation as of a past date
-- reads customer_contact itself).
CREATE TABLE customer_contact_summary (
    customer_id     BIGINT      NOT NULL PRIMARY KEY,
    last_visit_at   DATETIME(3) NULL,
    last_contact_at DATETIME(3) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The services each assessment's tier comes with (the service pack's EntitlementGranted outcomes), comma-separated in
-- the vocabulary's order; NULL for rows stored before, and when no service is granted.
ALTER TABLE assessment ADD COLUMN entitlements VARCHAR(300) NULL;
ALTER TABLE assessment_history ADD COLUMN entitlements VARCHAR(300) NULL;

-- Proposals to give customers another account manager (DESIGN.md section 12), for approvers to accept or reject and
-- the CRM to apply. A customer has at most one open proposal (PENDING or ACCEPTED): open_customer_id is its id while
-- the proposal is open and NULL after, and unique.
CREATE TABLE assignment_proposal (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id      BIGINT       NOT NULL,
    customer_no      VARCHAR(32)  NOT NULL,
    from_manager     VARCHAR(64)  NULL,
    to_manager       VARCHAR(64)  NOT NULL,
    reason           VARCHAR(16)  NOT NULL,   -- NO_MANAGER | MANAGER_LEFT | OVER_CAPACITY | LEVEL_TOO_LOW
    status           VARCHAR(16)  NOT NULL,   -- PENDING | ACCEPTED | REJECTED | APPLIED
    created_at       DATETIME(3)  NOT NULL,
    decided_at       DATETIME(3)  NULL,
    decided_by       VARCHAR(64)  NULL,       -- 'system' when the target left before it was decided
    note             VARCHAR(500) NULL,
    applied_at       DATETIME(3)  NULL,
    open_customer_id BIGINT AS (CASE WHEN status IN ('PENDING', 'ACCEPTED') THEN customer_id END) STORED,
    CONSTRAINT uk_assignment_proposal_open UNIQUE (open_customer_id),
    KEY ix_assignment_proposal_status (status, id),
    KEY ix_assignment_proposal_target (to_manager, status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
