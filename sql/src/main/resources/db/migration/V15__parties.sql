-- One customer, one ID (DESIGN.md section 10): the party of every CRM record the service has resolved.
-- One row per record, with its party's figures repeated on each member (a party has a handful of records),
-- so that an evaluation learns a customer's party from the row it joins by primary key.
CREATE TABLE party_member (
    customer_id         BIGINT       NOT NULL PRIMARY KEY,
    party_no            BIGINT       NOT NULL,
    primary_customer_id BIGINT       NOT NULL,   -- the member with the smallest CRM id
    records             INT          NOT NULL,   -- members of the party (1 when alone)
    link                VARCHAR(16)  NOT NULL,   -- ALONE | AUTO | CONFIRMED: how the record is in its party
    evidence            VARCHAR(100) NULL,       -- what linked it: ID_NUMBER, NAME, BIRTH_DATE, PHONE, ORG_CODE, PASSPORT
    linked_at           DATETIME(3)  NOT NULL,   -- since when it is in this party this way
    candidates          INT          NOT NULL DEFAULT 0, -- its PENDING review candidates (POSSIBLE_DUPLICATE)
    KEY ix_party_member_party (party_no, customer_id),
    KEY ix_party_member_records (records)      -- the parties of more than one record, few among many
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The next party number. Its one row is also the lock that puts resolutions one after another (a
-- resolution reads it FOR UPDATE): two resolutions at once could give one record two parties.
CREATE TABLE party_number (
    id      TINYINT NOT NULL PRIMARY KEY,
    next_no BIGINT  NOT NULL
) ENGINE = InnoDB;
INSERT INTO party_number (id, next_no) VALUES (1, 1);

-- Pairs the identity pack sends to review: PENDING until an approver merges them (MERGED) or keeps them
-- apart (REJECTED). customer_id_a < customer_id_b.
CREATE TABLE identity_candidate (
    id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id_a BIGINT        NOT NULL,
    customer_id_b BIGINT        NOT NULL,
    evidence      VARCHAR(100)  NOT NULL,
    rule          VARCHAR(200)  NOT NULL,   -- the identity pack's rule that asked for review, with its version
    status        VARCHAR(16)   NOT NULL,   -- PENDING | MERGED | REJECTED
    created_at    DATETIME(3)   NOT NULL,
    decided_by    VARCHAR(64)   NULL,
    decided_at    DATETIME(3)   NULL,
    note          VARCHAR(2000) NULL,
    UNIQUE KEY ux_identity_candidate_pair (customer_id_a, customer_id_b),
    KEY ix_identity_candidate_b (customer_id_b),
    KEY ix_identity_candidate_status (status, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- What people decided about two records: CONFIRMED (merged: one party whatever the pack says) or APART
-- (kept apart or split off: never in one party, and not proposed again, while both records' keys are the
-- ones they had then: keys_a and keys_b are digests of them). customer_id_a < customer_id_b.
CREATE TABLE identity_decision (
    customer_id_a BIGINT        NOT NULL,
    customer_id_b BIGINT        NOT NULL,
    kind          VARCHAR(16)   NOT NULL,   -- CONFIRMED | APART
    keys_a        CHAR(32)      NOT NULL,
    keys_b        CHAR(32)      NOT NULL,
    decided_by    VARCHAR(64)   NOT NULL,
    decided_at    DATETIME(3)   NOT NULL,
    reason        VARCHAR(2000) NULL,
    PRIMARY KEY (customer_id_a, customer_id_b),
    KEY ix_identity_decision_b (customer_id_b)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
