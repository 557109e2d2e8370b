-- The current assessment in two tables: what every evaluation locks, compares and touches stays in
-- assessment (outcome, hashes, time and trigger, a few hundred bytes a row), and the explanation, JSON of
-- about 1.5 KB a customer (features, warnings, blacklist hits, reasons, near misses), moves to
-- assessment_detail, written only when it changed. Before, a night in which nothing changed still read and
-- dirtied every page of the wide table to lock the rows and set their time: on a book of a million
-- customers 2.3 GB, more than the database's buffer pool, read and written back every night.
CREATE TABLE assessment_detail (
    customer_id    BIGINT   NOT NULL PRIMARY KEY,
    profile        LONGTEXT NOT NULL,   -- JSON: the features of DESIGN.md section 4
    warnings       LONGTEXT NOT NULL,   -- JSON: [{type, severity, message}]
    blacklist_hits LONGTEXT NOT NULL,   -- JSON: [{entryId, strength, matchedOn, reasonCode}]
    reasons        LONGTEXT NOT NULL,   -- JSON: [{pack, version, rule, message}]
    near_misses    LONGTEXT NULL        -- JSON: [{pack, version, rule, outcome, message}]; NULL: none recorded
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO assessment_detail (customer_id, profile, warnings, blacklist_hits, reasons, near_misses)
SELECT customer_id, profile, warnings, blacklist_hits, reasons, near_misses FROM assessment;

-- FORCE rebuilds the table: the instant DROP COLUMN that MariaDB 10.4+ and MySQL 8.0.29+ would otherwise
-- choose (MariaDB even when asked for ALGORITHM=INPLACE) leaves the old values in every row until the next
-- rebuild, and the table as wide as before.
ALTER TABLE assessment
    DROP COLUMN profile,
    DROP COLUMN warnings,
    DROP COLUMN blacklist_hits,
    DROP COLUMN reasons,
    DROP COLUMN near_misses,
    FORCE;
