-- The service's own tables. Times are stored in UTC; ids, not timestamps, give the order of rows
-- (Connector/J drops fractional seconds against MariaDB 10.x).

-- Book-wide figures, written by the book-statistics step (at start-up when none exist, and nightly).
CREATE TABLE book_stats (
    id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    as_of_date            DATE          NOT NULL,
    computed_at           DATETIME(3)   NOT NULL,
    customers             BIGINT        NOT NULL,
    total_annual_premium  DECIMAL(18,2) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Each customer's percent rank by annual premium, as of the latest book-statistics step.
CREATE TABLE book_customer_rank (
    customer_id      BIGINT        NOT NULL PRIMARY KEY,
    annual_premium   DECIMAL(16,2) NOT NULL,
    premium_rank_pct DOUBLE        NOT NULL,
    book_stats_id    BIGINT        NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Normalized match keys of customers (see MatchKeys in the blacklist package), refreshed whenever a
-- customer is evaluated, so that a new blacklist entry finds the customers it matches through an index
-- and the nightly run joins a chunk of customers with blacklist_entry on the same key strings.
CREATE TABLE customer_match_key (
    customer_id BIGINT       NOT NULL,
    key_type    VARCHAR(16)  NOT NULL,   -- ID_NUMBER | NAME_BIRTH_DATE | PHONE
    key_value   VARCHAR(300) NOT NULL,
    PRIMARY KEY (customer_id, key_type),
    KEY ix_customer_match_key_value (key_type, key_value)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The current assessment of each customer.
CREATE TABLE assessment (
    customer_id   BIGINT       NOT NULL PRIMARY KEY,
    customer_no   VARCHAR(32)  NOT NULL,
    grade         VARCHAR(16)  NOT NULL,
    tier          VARCHAR(16)  NOT NULL,
    vip           BOOLEAN      NOT NULL,
    value_score   INT          NOT NULL,
    risk_score    INT          NOT NULL,
    blacklisted   BOOLEAN      NOT NULL,
    decision      VARCHAR(16)  NOT NULL,
    profile       LONGTEXT     NOT NULL,   -- JSON: the features of DESIGN.md section 4
    warnings      LONGTEXT     NOT NULL,   -- JSON: [{type, severity, message}]
    blacklist_hits LONGTEXT    NOT NULL,   -- JSON: [{entryId, strength, matchedOn, reasonCode}]
    reasons       LONGTEXT     NOT NULL,   -- JSON: [{pack, version, rule, message}]
    rule_packs    VARCHAR(1000) NOT NULL,  -- JSON: {"pack": version}
    outcome_hash  CHAR(64)     NOT NULL,   -- what decides "changed": grade, tier, scores, warnings, hits
    content_hash  CHAR(64)     NOT NULL,   -- everything stored but the time and trigger: unchanged rows are only touched
    evaluated_at  DATETIME(3)  NOT NULL,
    eval_trigger  VARCHAR(16)  NOT NULL,   -- BATCH | EVENT | CHECK | MANUAL
    CONSTRAINT uk_assessment_customer_no UNIQUE (customer_no),
    KEY ix_assessment_grade_tier (grade, tier)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Assessment history: a row only when the outcome changed.
CREATE TABLE assessment_history (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id   BIGINT       NOT NULL,
    customer_no   VARCHAR(32)  NOT NULL,
    grade         VARCHAR(16)  NOT NULL,
    tier          VARCHAR(16)  NOT NULL,
    vip           BOOLEAN      NOT NULL,
    value_score   INT          NOT NULL,
    risk_score    INT          NOT NULL,
    blacklisted   BOOLEAN      NOT NULL,
    decision      VARCHAR(16)  NOT NULL,
    profile       LONGTEXT     NOT NULL,
    warnings      LONGTEXT     NOT NULL,
    blacklist_hits LONGTEXT    NOT NULL,
    reasons       LONGTEXT     NOT NULL,
    rule_packs    VARCHAR(1000) NOT NULL,
    outcome_hash  CHAR(64)     NOT NULL,
    evaluated_at  DATETIME(3)  NOT NULL,
    eval_trigger  VARCHAR(16)  NOT NULL,
    KEY ix_assessment_history_customer (customer_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Warnings and their lifecycle: OPEN -> ACKNOWLEDGED -> RESOLVED (by a person or by the system).
CREATE TABLE warning (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id      BIGINT        NOT NULL,
    customer_no      VARCHAR(32)   NOT NULL,
    type             VARCHAR(32)   NOT NULL,
    severity         VARCHAR(16)   NOT NULL,
    message          VARCHAR(1000) NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    raised_at        DATETIME(3)   NOT NULL,
    rule_pack        VARCHAR(40)   NULL,
    rule_pack_version INT          NULL,
    acknowledged_by  VARCHAR(64)   NULL,
    acknowledged_at  DATETIME(3)   NULL,
    acknowledge_note VARCHAR(2000) NULL,
    resolved_by      VARCHAR(64)   NULL,   -- 'system' when a later evaluation no longer raised it
    resolved_at      DATETIME(3)   NULL,
    resolve_note     VARCHAR(2000) NULL,
    KEY ix_warning_customer_status (customer_id, status),
    KEY ix_warning_status_type (status, type)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Blacklist entries; never deleted, only lifted. The *_key columns hold the entry's MatchKeys, the
-- same strings as customer_match_key.key_value, so matching is an equality join on an index.
CREATE TABLE blacklist_entry (
    id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    id_type        VARCHAR(32)   NULL,      -- RESIDENT_ID | PASSPORT | USCC | OTHER
    id_number      VARCHAR(64)   NULL,
    id_number_key  VARCHAR(64)   NULL,      -- normalized id_number (search)
    id_key         VARCHAR(100)  NULL,      -- ID_NUMBER key: id_type|id_number_key
    name           VARCHAR(200)  NULL,
    name_key       VARCHAR(200)  NULL,      -- normalized name (search)
    birth_date     DATE          NULL,
    name_birth_key VARCHAR(220)  NULL,      -- NAME_BIRTH_DATE key: name_key|birth_date
    phone          VARCHAR(32)   NULL,
    phone_key      VARCHAR(32)   NULL,      -- PHONE key: digits without the 86 country code
    reason_code    VARCHAR(32)   NOT NULL,  -- FRAUD | MISREPRESENTATION | PREMIUM_DEFAULT | SANCTIONS | OTHER
    note           VARCHAR(2000) NULL,
    expires_at     DATE          NULL,      -- active until the day before; null: no expiry
    status         VARCHAR(16)   NOT NULL,  -- ACTIVE | LIFTED
    created_by     VARCHAR(64)   NOT NULL,
    created_at     DATETIME(3)   NOT NULL,
    lifted_by      VARCHAR(64)   NULL,
    lifted_at      DATETIME(3)   NULL,
    lift_reason    VARCHAR(2000) NULL,
    KEY ix_blacklist_id_key (id_key),
    KEY ix_blacklist_id_number_key (id_number_key),
    KEY ix_blacklist_name_birth_key (name_birth_key),
    KEY ix_blacklist_phone_key (phone_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Rule pack versions and their files (DRAFT | PUBLISHED | RETIRED).
CREATE TABLE rule_pack_version (
    pack        VARCHAR(40)   NOT NULL,
    version     INT           NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    author      VARCHAR(64)   NOT NULL,
    created_at  DATETIME(3)   NOT NULL,
    comment     VARCHAR(2000) NULL,
    valid       BOOLEAN       NOT NULL,
    errors      LONGTEXT      NULL,      -- JSON: [{file, line, column, message}]
    published_by VARCHAR(64)  NULL,
    published_at DATETIME(3)  NULL,
    PRIMARY KEY (pack, version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE rule_pack_file (
    pack      VARCHAR(40)  NOT NULL,
    version   INT          NOT NULL,
    file_name VARCHAR(200) NOT NULL,
    content   LONGBLOB     NOT NULL,
    PRIMARY KEY (pack, version, file_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Every pre-bind check, with what was asked and what was answered.
CREATE TABLE pre_bind_check (
    id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    check_id     CHAR(36)      NOT NULL,
    customer_no  VARCHAR(32)   NULL,
    request      LONGTEXT      NOT NULL,   -- JSON as received (validated)
    decision     VARCHAR(16)   NOT NULL,
    grade        VARCHAR(16)   NULL,
    tier         VARCHAR(16)   NULL,
    response     LONGTEXT      NOT NULL,   -- JSON as answered
    checked_by   VARCHAR(64)   NOT NULL,
    checked_at   DATETIME(3)   NOT NULL,
    CONSTRAINT uk_pre_bind_check_id UNIQUE (check_id),
    KEY ix_pre_bind_check_customer (customer_no, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Append-only audit trail of every change: who, when, what, on what, and the outcome.
CREATE TABLE audit_event (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    occurred_at DATETIME(3)   NOT NULL,
    actor       VARCHAR(64)   NOT NULL,
    action      VARCHAR(64)   NOT NULL,
    target_type VARCHAR(32)   NOT NULL,
    target_id   VARCHAR(100)  NOT NULL,
    detail      LONGTEXT      NULL,        -- JSON
    KEY ix_audit_target (target_type, target_id, id),
    KEY ix_audit_actor (actor, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
