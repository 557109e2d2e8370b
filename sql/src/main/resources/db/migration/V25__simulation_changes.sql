-- Every change a simulation found (DESIGN.md section 14: a simulation's changed customers, all of them, as a list to
-- work from and to export), a row per customer and transition: the customer's grade going from STANDARD to
-- HIGH_QUALITY is one row, their tier changing too another. Replaced with the version's simulation; a simulation
-- kept from before this table has none.
CREATE TABLE rule_pack_simulation_change (
    id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    pack           VARCHAR(40)   NOT NULL,
    version        INT           NOT NULL,
    customer_id    BIGINT        NOT NULL,
    field          VARCHAR(32)   NOT NULL,   -- grade | tier | warnings | decision | churn | entitlements | complaintState
    from_value     VARCHAR(2000) NOT NULL,
    to_value       VARCHAR(2000) NOT NULL,
    annual_premium DECIMAL(18, 2) NOT NULL,
    KEY ix_simulation_change (pack, version, field, customer_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
