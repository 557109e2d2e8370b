-- The monthly due list (DESIGN.md section 11) over a book of a million customers: what a first generation of a
-- month reads and writes (BENCHMARKS.md section 8).
--
-- The month's DUE instalments are read from the month index alone: it now holds every column the list takes of an
-- instalment, where V18's (due_date, status) sent each of the month's rows to the table itself. A month's rows are
-- spread over the whole table (a schedule is written policy by policy), so a first generation read every page of
-- premium_due, the years of paid history with them, for a twelfth of its rows. The index is the same one B-tree
-- the CRM's writes already maintain, about twice as wide.
ALTER TABLE premium_due
    DROP INDEX ix_premium_due_month,
    ADD INDEX ix_premium_due_month (due_date, status, policy_id, installment_no, customer_id, amount);

-- The items had an index for the account-manager filter and another for the branch filter, besides the item key and
-- the list's order: four B-trees written for each of a month's ~900,000 items. One index serves both filters: a
-- manager's items by its leading columns, a branch's (or a branch-scoped user's) by reading the month's entries of
-- this index alone, which holds every column those filters name.
ALTER TABLE due_list_item
    DROP INDEX ix_due_list_item_manager,
    DROP INDEX ix_due_list_item_branch,
    ADD INDEX ix_due_list_item_audience (month, account_manager, branch_code);
