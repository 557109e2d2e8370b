-- The monthly due list (DESIGN.md section 11): for a month, one item per DUE instalment falling due in it
-- and per ACTIVE policy ending in it, with what a salesperson reads as of the day the list was generated,
-- and the salesperson's feedback.

-- One row per generated month ('2027-01'), with its figures; generation counts how often it was generated.
CREATE TABLE due_list (
    month                  CHAR(7)      NOT NULL PRIMARY KEY,
    generated_at           DATETIME(3)  NOT NULL,
    generated_by           VARCHAR(64)  NOT NULL,   -- a user, or 'scheduler'
    generation             INT          NOT NULL,
    installments           INT          NOT NULL,   -- items of kind INSTALLMENT
    renewals               INT          NOT NULL,   -- items of kind RENEWAL
    skipped_unknown_policy INT          NOT NULL    -- DUE instalments of the month whose policy is unknown or another customer's
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A row per month that has been generated or is being generated: a generation locks it first (an upsert,
-- which takes an exclusive lock even when the row exists), so generations of one month run one after
-- another on every node, while the first one's due_list row is not committed yet.
CREATE TABLE due_list_lock (
    month CHAR(7) NOT NULL PRIMARY KEY
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The items. An item is the same item across generations of its month by kind, policy and instalment
-- number (0 for a renewal): a generation updates what it read (customer, tier, churn score, reasons, ...)
-- and keeps its id and the feedback (outcome, note, who, when), and deletes the items no longer due.
CREATE TABLE due_list_item (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    month           CHAR(7)       NOT NULL,
    kind            VARCHAR(16)   NOT NULL,   -- INSTALLMENT | RENEWAL
    policy_id       BIGINT        NOT NULL,
    installment_no  INT           NOT NULL,   -- the instalment's number; 0 for a renewal
    customer_id     BIGINT        NOT NULL,
    customer_no     VARCHAR(32)   NOT NULL,
    party_no        BIGINT        NULL,
    policy_no       VARCHAR(32)   NOT NULL,
    due_date        DATE          NOT NULL,   -- the instalment's due date, or the policy's end date
    amount          DECIMAL(14,2) NOT NULL,   -- the instalment's amount, or the policy's premium
    tier            VARCHAR(16)   NULL,       -- NULL: the customer had no assessment
    churn_score     INT           NULL,
    account_manager VARCHAR(64)   NULL,
    branch_code     VARCHAR(32)   NOT NULL,
    reasons         VARCHAR(2000) NULL,       -- JSON array of sentences (assessment.retention_reasons); NULL: none
    outcome         VARCHAR(16)   NULL,       -- CONTACTED | PROMISED | PAID | REFUSED | UNREACHABLE; NULL: no feedback yet
    outcome_note    VARCHAR(1000) NULL,
    outcome_by      VARCHAR(64)   NULL,
    outcome_at      DATETIME(3)   NULL,
    CONSTRAINT uk_due_list_item UNIQUE (month, kind, policy_id, installment_no),
    -- the list's order: churn score descending (NULLs sort last in a descending order), amount descending, id;
    -- descending keys are used by MySQL 8 and MariaDB 10.8+, and parsed and ignored by older MariaDB
    KEY ix_due_list_item_order (month, churn_score DESC, amount DESC, id),
    KEY ix_due_list_item_manager (month, account_manager),
    KEY ix_due_list_item_branch (month, branch_code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
