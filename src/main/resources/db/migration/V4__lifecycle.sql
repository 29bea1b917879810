-- Erased orders (the erase command): one row per order id that was erased, never removed. Ingest
-- refuses every message whose order id is here, so a publisher re-sending an erased order, or a
-- replay of a stream that still held a copy, cannot bring it back. It holds the id and the time
-- only: an id is what the erasure request itself names.
create table erased_orders (
    order_uid text        primary key,
    erased_at timestamptz not null default now()
);

-- Retention purges rejected messages by age, in small batches: these keep each batch an index
-- range, whatever the table's size.
create index rejected_messages_received_at on rejected_messages (received_at);
create index rejected_messages_payload_kept on rejected_messages (received_at) where payload_full is not null;
