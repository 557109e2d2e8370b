-- Events from the CRM and the nightly batch. Times that decide when work is due are taken from the
-- database clock (UTC_TIMESTAMP(3)), so several nodes agree on them whatever their own clocks say.

-- The CRM's outbox (DESIGN.md section 3) gets one nullable column and an index, as the contract allows:
-- a row is consumed once it has been copied into event_inbox, and consumed_at says when.
ALTER TABLE crm_event
    ADD COLUMN consumed_at DATETIME(3) NULL,
    ADD KEY ix_crm_event_unconsumed (consumed_at, id);

-- Every event the service accepted (through the API or from crm_event), processed at least once.
-- PENDING -> PROCESSING (claimed by a node with a lease) -> DONE, or back to PENDING with a later
-- next_attempt_at after a failure, or PARKED when the attempts are used up. Rows are kept: eventId
-- stays a duplicate forever, and parked events stay visible with their error.
CREATE TABLE event_inbox (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id        VARCHAR(64)   NOT NULL,
    type            VARCHAR(32)   NOT NULL,   -- CLAIM_REPORTED | CLAIM_SETTLED | POLICY_BOUND | POLICY_CANCELLED | CUSTOMER_UPDATED
    customer_no     VARCHAR(32)   NOT NULL,
    occurred_at     DATETIME(3)   NOT NULL,
    source          VARCHAR(8)    NOT NULL,   -- API | CRM
    received_by     VARCHAR(64)   NULL,       -- the API user; null for crm_event rows
    received_at     DATETIME(3)   NOT NULL,
    status          VARCHAR(16)   NOT NULL,   -- PENDING | PROCESSING | DONE | PARKED
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(3)   NOT NULL,
    claimed_by      VARCHAR(100)  NULL,
    lease_until     DATETIME(3)   NULL,
    processed_at    DATETIME(3)   NULL,
    last_error      VARCHAR(2000) NULL,
    CONSTRAINT uk_event_inbox_event_id UNIQUE (event_id),
    KEY ix_event_inbox_due (status, next_attempt_at, id),
    KEY ix_event_inbox_customer (customer_no, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per customer that has had an event: locked while that customer's events are processed,
-- so that two nodes never evaluate the same customer at once and each evaluation sees everything
-- committed before it (events of a customer take effect in order).
CREATE TABLE event_customer_lock (
    customer_no   VARCHAR(32) NOT NULL PRIMARY KEY,
    last_event_id BIGINT      NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Nightly (and manual) runs over the whole book. running is 1 while the run is RUNNING and NULL
-- afterwards: its unique key lets only one run be RUNNING at a time, cluster-wide.
CREATE TABLE batch_run (
    id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    status        VARCHAR(16)   NOT NULL,   -- RUNNING | SUCCEEDED | FAILED
    phase         VARCHAR(16)   NOT NULL,   -- STARTING | PARTITIONED | FINISHED
    run_trigger   VARCHAR(16)   NOT NULL,   -- SCHEDULED | MANUAL
    requested_by  VARCHAR(64)   NOT NULL,
    as_of_date    DATE          NOT NULL,
    started_at    DATETIME(3)   NOT NULL,
    finished_at   DATETIME(3)   NULL,
    total         BIGINT        NOT NULL DEFAULT 0,
    partitions    INT           NOT NULL DEFAULT 0,
    book_stats_id BIGINT        NULL,
    rule_packs    VARCHAR(1000) NULL,       -- JSON: {"pack": version} live when the run started
    error         VARCHAR(2000) NULL,
    running       TINYINT       NULL,
    CONSTRAINT uk_batch_run_running UNIQUE (running)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A run's partitions: customer-id ranges, each processed in chunks by a Quartz job on any node.
-- checkpoint_id is the last customer id whose results are committed, in the same transaction as
-- the results and the counters, so a resumed partition neither loses nor counts anything twice.
CREATE TABLE batch_partition (
    run_id        BIGINT        NOT NULL,
    partition_no  INT           NOT NULL,
    from_id       BIGINT        NOT NULL,
    to_id         BIGINT        NOT NULL,
    status        VARCHAR(16)   NOT NULL,   -- PENDING | RUNNING | DONE
    checkpoint_id BIGINT        NOT NULL,
    processed     BIGINT        NOT NULL DEFAULT 0,
    changed       BIGINT        NOT NULL DEFAULT 0,
    failed        BIGINT        NOT NULL DEFAULT 0,
    attempts      INT           NOT NULL DEFAULT 0,
    node          VARCHAR(100)  NULL,
    started_at    DATETIME(3)   NULL,
    finished_at   DATETIME(3)   NULL,
    PRIMARY KEY (run_id, partition_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Customers a run could not evaluate, with the error (their previous assessment is kept).
CREATE TABLE batch_failure (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    run_id      BIGINT        NOT NULL,
    customer_id BIGINT        NOT NULL,
    error       VARCHAR(2000) NOT NULL,
    KEY ix_batch_failure_run (run_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The VIP list and the dashboard's counts read assessments by tier and VIP flag.
CREATE INDEX ix_assessment_vip ON assessment (vip, tier);
