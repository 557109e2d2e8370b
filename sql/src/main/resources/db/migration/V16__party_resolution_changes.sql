-- A night need not resolve the whole book again (DESIGN.md section 10): the records whose identity keys
-- changed since (an evaluation wrote other keys to customer_match_key) are listed here, in the transaction
-- that changed them, and the nightly preparation resolves those, their key-sharers and their parties. The
-- whole book is resolved again when the identity pack's version changes and every rules.batch.whole-book-resolution.
CREATE TABLE identity_change (
    customer_id BIGINT NOT NULL PRIMARY KEY
) ENGINE = InnoDB;

-- What the last resolution of the whole book was done with: the linking packs' versions ("identity:3") and when.
ALTER TABLE party_number
    ADD COLUMN linking     VARCHAR(200) NULL,
    ADD COLUMN resolved_at DATETIME(3)  NULL;
