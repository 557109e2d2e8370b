-- Back-tests of a scorecard version (DESIGN.md section 11): the book evaluated as of a past date with the version
-- in place, against whether each customer at risk then left within the horizon. One row per back-test, kept;
-- GET .../versions/{v}/backtest shows the version's latest.
CREATE TABLE rule_pack_backtest (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    pack             VARCHAR(40)   NOT NULL,
    version          INT           NOT NULL,
    status           VARCHAR(16)   NOT NULL,   -- RUNNING | DONE | FAILED
    as_of            DATE          NOT NULL,   -- the date the customers are evaluated as of
    horizon_days     INT           NOT NULL,   -- who left in (as_of, as_of + horizon_days]
    against_versions VARCHAR(1000) NOT NULL,   -- JSON: the live versions of the packs it ran with
    requested_by     VARCHAR(64)   NOT NULL,
    started_at       DATETIME(3)   NOT NULL,
    finished_at      DATETIME(3)   NULL,
    customers        BIGINT        NOT NULL DEFAULT 0,   -- CRM records in the book when it started
    processed        BIGINT        NOT NULL DEFAULT 0,   -- records read so far
    failed           BIGINT        NOT NULL DEFAULT 0,   -- customers the version could not evaluate (fails it)
    figures          LONGTEXT      NULL,       -- JSON, when DONE: counts, deciles, score bands, lift, AUC
    error            VARCHAR(2000) NULL,
    KEY ix_rule_pack_backtest_version (pack, version, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
