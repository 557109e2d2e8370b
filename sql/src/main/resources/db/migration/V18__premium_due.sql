-- Retention (DESIGN.md section 11, contract): the CRM's premium schedule, one row per instalment of a
-- policy. Optional: while it is empty there are no retention outcomes and nothing else changes. The CRM
-- writes it like section 3's tables; the service only reads it.
CREATE TABLE premium_due (
    id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    policy_id      BIGINT        NOT NULL,
    customer_id    BIGINT        NOT NULL,
    installment_no INT           NOT NULL,
    due_date       DATE          NOT NULL,
    amount         DECIMAL(14,2) NOT NULL,
    status         VARCHAR(16)   NOT NULL,   -- DUE | PAID | WAIVED | CANCELLED
    paid_at        DATETIME(3)   NULL,
    CONSTRAINT uk_premium_due_installment UNIQUE (policy_id, installment_no),
    CONSTRAINT fk_premium_due_policy FOREIGN KEY (policy_id) REFERENCES policy (id),
    CONSTRAINT fk_premium_due_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Covering index for the retention features of a set of customers (overdue, next due, missed payments),
-- read in its order and grouped as read, like the policy and claim features.
CREATE INDEX ix_premium_due_customer_features ON premium_due (customer_id, status, due_date, paid_at);
-- The monthly due list reads one month of due dates.
CREATE INDEX ix_premium_due_month ON premium_due (due_date, status);
-- Renewals for the due list: the ACTIVE policies ending in a month.
CREATE INDEX ix_policy_end_date ON policy (end_date, status);

-- The churn score of the retention pack (null while the CRM keeps no premium schedule, or no pack gives
-- CHURN points) and the retention pack's reasons that a salesperson reads (a JSON array of sentences, null
-- when none), kept in columns so that due lists and filters need not read the assessment's JSON.
ALTER TABLE assessment
    ADD COLUMN churn_score       INT           NULL,
    ADD COLUMN retention_reasons VARCHAR(2000) NULL;
ALTER TABLE assessment_history ADD COLUMN churn_score INT NULL;
