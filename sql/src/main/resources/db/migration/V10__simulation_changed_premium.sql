-- The annual premium of the customers a simulation changes, each counted once (a customer whose grade
-- and tier both change is in two transitions, so the transitions' premiums do not add up to it).
-- NULL for simulations finished before this column existed.
ALTER TABLE rule_pack_simulation
    ADD COLUMN changed_premium DECIMAL(16, 2) NULL AFTER changed;
