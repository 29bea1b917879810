-- The canonical JSON of each order, exactly the bytes the service serves, written in the same
-- transaction as the normalised rows. The normalised tables stay the record; this column is the
-- serving copy, so a restart refills the cache by reading one column of one table instead of
-- joining four and serialising every order again (bench/run: cache warm-up rate).
-- Orders stored before this migration have none and are rebuilt from the normalised rows.
alter table orders add column json bytea;
