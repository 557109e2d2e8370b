-- What a simulated version of the identity pack would change in the book's parties (DESIGN.md section 10):
-- pairs, records and parties under the draft and the live version, the review queue, example pairs. JSON;
-- NULL for a simulation of a pack that decides about customers.
ALTER TABLE rule_pack_simulation
    ADD COLUMN identity_impact LONGTEXT NULL AFTER examples;
