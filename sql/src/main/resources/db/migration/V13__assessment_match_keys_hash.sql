-- A digest of the match keys (customer_match_key) the assessment was evaluated with. An evaluation reads it
-- with the assessment it locks and reads or writes the customer's match-key rows only when the customer's
-- identity, name, birth date or phone gave other keys: a pre-bind check saves a statement, and a nightly run
-- no longer reads the book's 2.8 million key rows to find the few that changed. NULL (rows from before this
-- column): the keys are read and compared, as before, and the digest is stored.
ALTER TABLE assessment ADD COLUMN match_keys_hash CHAR(32) NULL;
