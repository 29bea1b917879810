-- The support console (issue 15): what its list shows kept in the order's row, store counts that
-- cost O(1), and the indexes of its searches. Each index costs ingest CPU on every order stored;
-- docs/performance.md has what each one cost when measured (bench/run's drain), and why the set
-- below is the one kept.

-- The list showed each order's item count by a subquery per row. Orders are immutable, so the
-- writer stores the count with the order (store/OrderTables); existing orders get theirs here.
alter table orders add column item_count integer;
update orders o set item_count = i.n
from (select order_uid, count(*)::integer as n from items group by order_uid) i
where i.order_uid = o.order_uid;
update orders set item_count = 0 where item_count is null;
alter table orders alter column item_count set not null;

-- Store-wide counts without a count(*) scan: each transaction that stores orders or rejections
-- (or deletes them, or marks a rejection replayed) adds what it changed to one row of this table,
-- in the same transaction, so a count is exact at every commit. The row is chosen by the backend
-- (slot = pg_backend_pid() % 64): concurrent writers rarely share a row, so they do not queue
-- behind one hot row's lock. A count is the sum of at most 64 rows. `rejected` counts rejected
-- messages not replayed, as the listings show them.
create table store_counts (
    slot     smallint primary key check (slot between 0 and 63),
    orders   bigint   not null,
    rejected bigint   not null
);
-- what is stored already, counted once (a migration runs alone, before any writer)
insert into store_counts (slot, orders, rejected)
select 0, (select count(*) from orders), (select count(*) from rejected_messages where replayed_at is null);

-- Searches. Each filter's index leads with the filter and ends with seq, so an exact search reads
-- its newest-first page straight off the index, whatever the cursor.
create index orders_track_number_seq on orders (track_number, seq);
create index orders_customer_id_seq on orders (customer_id, seq);
-- e-mail and phone are compared normalised on both sides, by the same SQL expression in the query
-- (store/Listings): lower-cased; without spaces, dashes, dots and parentheses.
create index deliveries_email_lower on deliveries (lower(email));
create index deliveries_phone_plain on deliveries (translate(phone, ' -.()', ''));
-- from/to on date_created (the timestamptz parsed from the published text)
create index orders_date_created on orders (date_created);

-- The rejected view filters by reason, newest first: a small index, as rejections are rare.
create index rejected_messages_reason_id on rejected_messages (reason, id) where replayed_at is null;
