-- The rule pack lifecycle (issue 4): test results and lint findings kept with each version, the order
-- of publications (for rollback), simulations, and the nodes with the versions they have live.

ALTER TABLE rule_pack_version
    ADD COLUMN lint            LONGTEXT    NULL,   -- JSON: [{file, sheet, cell, column, kind, severity, message}]
    ADD COLUMN test_passed     INT         NULL,   -- scenarios of the last test run
    ADD COLUMN test_failed     INT         NULL,
    ADD COLUMN test_results    LONGTEXT    NULL,   -- JSON: the last test run's results
    ADD COLUMN tested_at       DATETIME(3) NULL,
    ADD COLUMN publication_seq BIGINT      NULL,   -- set at each publish; rollback goes to the previous one
    ADD COLUMN retired_by      VARCHAR(64) NULL,
    ADD COLUMN retired_at      DATETIME(3) NULL;

CREATE INDEX ix_rule_pack_version_status ON rule_pack_version (status, pack);
CREATE UNIQUE INDEX uk_rule_pack_version_publication ON rule_pack_version (pack, publication_seq);

-- What a version would change if it replaced the published one, over the whole book (no assessment
-- is written). One row per version: a new simulation replaces the previous one.
CREATE TABLE rule_pack_simulation (
    pack              VARCHAR(40)   NOT NULL,
    version           INT           NOT NULL,
    status            VARCHAR(16)   NOT NULL,   -- RUNNING | DONE | FAILED
    against_versions  VARCHAR(1000) NOT NULL,   -- JSON: the published versions it was compared with
    requested_by      VARCHAR(64)   NOT NULL,
    started_at        DATETIME(3)   NOT NULL,
    finished_at       DATETIME(3)   NULL,
    customers         BIGINT        NOT NULL DEFAULT 0,
    processed         BIGINT        NOT NULL DEFAULT 0,
    changed           BIGINT        NOT NULL DEFAULT 0,
    failed            BIGINT        NOT NULL DEFAULT 0,
    transitions       LONGTEXT      NULL,       -- JSON: [{field, from, to, count, annualPremium}]
    examples          LONGTEXT      NULL,       -- JSON: [{field, from, to, customers: [{customerId, customerNo, branchCode}]}]
    error             VARCHAR(2000) NULL,
    PRIMARY KEY (pack, version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The service's nodes: each one says every few seconds which pack versions it has live.
CREATE TABLE service_node (
    node_id       VARCHAR(100)  NOT NULL PRIMARY KEY,
    host          VARCHAR(200)  NOT NULL,
    started_at    DATETIME(3)   NOT NULL,
    heartbeat_at  DATETIME(3)   NOT NULL,
    live_versions VARCHAR(1000) NOT NULL        -- JSON: {"pack": version}
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
