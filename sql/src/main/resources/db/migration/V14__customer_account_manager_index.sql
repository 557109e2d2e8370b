-- A manager's work queue (GET /api/v1/warnings?accountManager=) starts from the manager's customers:
-- the CRM's customer table gets an index on account_manager (the service may add indexes to the CRM's
-- tables, DESIGN.md section 3).
CREATE INDEX ix_customer_account_manager ON customer (account_manager);
