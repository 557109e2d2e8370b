-- Lets a new blacklist entry find the CRM customers it matches by name and birth date, including
-- customers never evaluated (who have no customer_match_key rows yet). Lookups go by birth date and
-- the names are compared after normalizing in Java, so "Li Na", "LI-NA" and "ＬＩ　ＮＡ" still meet.
CREATE INDEX ix_customer_birth_date_name ON customer (birth_date, name);
