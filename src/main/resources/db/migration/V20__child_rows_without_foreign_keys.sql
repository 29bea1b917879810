-- The foreign keys from deliveries, payments and items to orders cost PostgreSQL more than
-- anything else in storing an order: an after-row trigger per child row, each planning and
-- running a locking index probe of orders (44% of PostgreSQL's CPU with binary COPY, measured in
-- docs/performance.md). The same integrity is kept by construction and verified:
-- - the writer (store/CopyRows, store/UnnestRows) writes an order's child rows only in the
--   transaction that inserts the order itself, and only for orders that transaction inserted;
-- - orders are never deleted or updated by the service (the app role may only read and insert);
-- - `order-service check` verifies that every delivery, payment and item belongs to a stored order.
-- The primary keys stay: one delivery and one payment per order, one item per position.
alter table deliveries drop constraint deliveries_order_uid_fkey;
alter table payments drop constraint payments_order_uid_fkey;
alter table items drop constraint items_order_uid_fkey;
