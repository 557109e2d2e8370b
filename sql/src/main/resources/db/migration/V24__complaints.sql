-- Complaints (DESIGN.md section 13, contract): the CRM's or call centre's complaint cases. Optional, like
-- premium_due: while it is empty the complaints pack does not run and nothing else changes. The CRM writes it;
-- the service only reads it. channel, complexity and status are kept as the CRM gives them (VARCHAR, not ENUM):
-- a value the service does not know makes the complaint unclassified, never a failed evaluation or load.
CREATE TABLE complaint (
    id           BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    complaint_no VARCHAR(32) NOT NULL,
    customer_id  BIGINT      NULL,
    policy_id    BIGINT      NULL,
    channel      VARCHAR(16) NOT NULL,   -- PHONE | ONLINE | LETTER | VISIT | REGULATOR
    category     VARCHAR(16) NULL,       -- PRODUCT | SERVICE | COMPLIANCE; null until classified
    complexity   VARCHAR(16) NOT NULL,   -- SIMPLE | COMPLEX | EXTENDED
    branch_code  VARCHAR(32) NOT NULL,
    received_at  DATETIME(3) NOT NULL,
    status       VARCHAR(16) NOT NULL,   -- OPEN | DECIDED | CLOSED | WITHDRAWN
    decided_at   DATETIME(3) NULL,
    root_cause   VARCHAR(64) NULL,
    CONSTRAINT uk_complaint_no UNIQUE (complaint_no),
    CONSTRAINT fk_complaint_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A set of customers' complaints, read with the customers (the complaint facts of each evaluation).
CREATE INDEX ix_complaint_customer ON complaint (customer_id, received_at);
-- The monthly analysis reads the complaints received, and those decided, in a month.
CREATE INDEX ix_complaint_received ON complaint (received_at, branch_code);
CREATE INDEX ix_complaint_decided ON complaint (decided_at);

-- The service's clock of each complaint (DESIGN.md section 13): its time limit, deadline and state as the
-- complaints pack last decided them, written with the customer's assessment (or, for a complaint without a
-- customer, by the complaint's own evaluation). state is one of the contract's ON_TRACK | AT_RISK | OVERDUE | MET |
-- MISSED, or WITHDRAWN (no time limit runs) or UNCLASSIFIED (a channel, complexity or status the service does not
-- know, or no rule gave it a state). queue_rank orders the work queue: OVERDUE 0, AT_RISK 1, ON_TRACK 2,
-- UNCLASSIFIED 3, MISSED 4, MET 5, WITHDRAWN 6.
CREATE TABLE complaint_clock (
    complaint_id    BIGINT      NOT NULL PRIMARY KEY,
    state           VARCHAR(16) NOT NULL,
    queue_rank      TINYINT     NOT NULL,
    time_limit_days INT         NULL,
    deadline        DATE        NULL,
    rule_pack       VARCHAR(64) NULL,    -- the pack and version that set the state ("complaints:3")
    rule_id         VARCHAR(200) NULL,   -- the rule that set it
    clocked_on      DATE        NOT NULL, -- the evaluation date the state is as of
    clocked_at      DATETIME(3) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The work queue: by state (AT_RISK and OVERDUE first), then the nearest deadline.
CREATE INDEX ix_complaint_clock_queue ON complaint_clock (queue_rank, deadline, complaint_id);
