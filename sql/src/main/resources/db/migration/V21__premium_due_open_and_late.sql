-- The retention figures of a set of customers (DESIGN.md section 11) read only the instalments that can count:
-- those still DUE, and those PAID more than 30 days after their due date (a missed payment). V18's index led with
-- the customer, so a night's run read every instalment of every customer, the years of paid history with them
-- (most of a schedule, and more every year), to keep the few that count.
--
-- The open instalments: one range per status and set of customers (a range of ids or a list), in due-date order.
CREATE INDEX ix_premium_due_open ON premium_due (status, customer_id, due_date, paid_at);

-- The late payments: a virtual column, computed as a row is written and kept only in its index (INVISIBLE: not
-- in SELECT *, and not a value a CRM's INSERT ... VALUES must give, so the contract's table keeps its shape).
-- 1: PAID more than 30 days after the due date (paid on day 31 or later), as "missed payments" counts it.
ALTER TABLE premium_due
    ADD COLUMN paid_late BOOLEAN AS (status = 'PAID' AND paid_at >= due_date + INTERVAL 31 DAY) VIRTUAL INVISIBLE;
CREATE INDEX ix_premium_due_late ON premium_due (paid_late, customer_id, due_date, paid_at);

-- V18's index is no longer read; the foreign key to customer keeps an index of its own (InnoDB needs one).
ALTER TABLE premium_due
    DROP INDEX ix_premium_due_customer_features,
    ADD INDEX ix_premium_due_customer (customer_id);
