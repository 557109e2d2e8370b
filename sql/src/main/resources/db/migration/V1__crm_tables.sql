-- CRM tables (DESIGN.md section 3, contract). The CRM owns and writes them; the service reads them.
-- The service may add indexes and nullable columns here, never required ones.

CREATE TABLE customer (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_no     VARCHAR(32)  NOT NULL,
    customer_type   VARCHAR(16)  NOT NULL,
    name            VARCHAR(200) NOT NULL,
    id_type         VARCHAR(32)  NOT NULL,
    id_number       VARCHAR(64)  NOT NULL,
    birth_date      DATE         NULL,
    phone           VARCHAR(32)  NULL,
    branch_code     VARCHAR(32)  NOT NULL,
    account_manager VARCHAR(64)  NULL,
    created_at      DATETIME(3)  NOT NULL,
    CONSTRAINT uk_customer_no UNIQUE (customer_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_customer_id_number ON customer (id_number);
CREATE INDEX ix_customer_phone ON customer (phone);

CREATE TABLE policy (
    id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    policy_no    VARCHAR(32)   NOT NULL,
    customer_id  BIGINT        NOT NULL,
    product_line VARCHAR(16)   NOT NULL,
    channel      VARCHAR(16)   NOT NULL,
    start_date   DATE          NOT NULL,
    end_date     DATE          NOT NULL,
    premium      DECIMAL(14,2) NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    CONSTRAINT uk_policy_no UNIQUE (policy_no),
    CONSTRAINT fk_policy_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Covering index for the feature query: all policy features of a customer-id range read from it.
CREATE INDEX ix_policy_customer_features ON policy (customer_id, status, start_date, end_date, premium, product_line);

CREATE TABLE claim (
    id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    claim_no       VARCHAR(32)   NOT NULL,
    policy_id      BIGINT        NOT NULL,
    customer_id    BIGINT        NOT NULL,
    loss_date      DATE          NOT NULL,
    reported_at    DATETIME(3)   NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    claimed_amount DECIMAL(14,2) NOT NULL,
    paid_amount    DECIMAL(14,2) NOT NULL DEFAULT 0,
    CONSTRAINT uk_claim_no UNIQUE (claim_no),
    CONSTRAINT fk_claim_policy FOREIGN KEY (policy_id) REFERENCES policy (id),
    CONSTRAINT fk_claim_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_claim_customer_features ON claim (customer_id, loss_date, status, paid_amount, policy_id);

-- The CRM's outbox: rows it inserts here are consumed like POST /api/v1/events.
CREATE TABLE crm_event (
    id          BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id    VARCHAR(64) NOT NULL,
    type        VARCHAR(32) NOT NULL,
    customer_no VARCHAR(32) NOT NULL,
    occurred_at DATETIME(3) NOT NULL,
    CONSTRAINT uk_crm_event_event_id UNIQUE (event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
