-- A customer's rank row no longer names the book-statistics run that last wrote it. With that column every
-- nightly run rewrote all of the book's rank rows (a million row updates, their undo and redo, on a book of
-- a million customers) even when no rank had moved; without it a run writes only the ranks that changed, and
-- the rows of customers no longer in the CRM are found by a join with customer instead.
ALTER TABLE book_customer_rank DROP COLUMN book_stats_id;
