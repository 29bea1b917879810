-- Orders are immutable: rows are only ever inserted, never updated.
-- seq is the arrival order: the cursor for newest-first paging and the order of cache warm-up.

create table orders (
    order_uid          text        primary key,
    seq                bigint      generated always as identity unique,
    track_number       text        not null,
    entry              text        not null,
    locale             text        not null,
    internal_signature text        not null,
    customer_id        text        not null,
    delivery_service   text        not null,
    shardkey           text        not null,
    sm_id              bigint      not null,
    date_created       timestamptz not null,
    -- the timestamp exactly as published (offset and precision), so it is served back unchanged
    date_created_text  text        not null,
    oof_shard          text        not null,
    -- SHA-256 of the canonical JSON: tells a harmless redelivery from a conflicting order
    content_hash       bytea       not null,
    received_at        timestamptz not null default now()
);

create table deliveries (
    order_uid text primary key references orders (order_uid),
    name      text not null,
    phone     text not null,
    zip       text not null,
    city      text not null,
    address   text not null,
    region    text not null,
    email     text not null
);

create table payments (
    order_uid     text   primary key references orders (order_uid),
    transaction   text   not null,
    request_id    text   not null,
    currency      text   not null,
    provider      text   not null,
    amount        bigint not null check (amount >= 0),
    payment_dt    bigint not null,
    bank          text   not null,
    delivery_cost bigint not null check (delivery_cost >= 0),
    goods_total   bigint not null check (goods_total >= 0),
    custom_fee    bigint not null check (custom_fee >= 0)
);

create table items (
    order_uid    text    not null references orders (order_uid),
    position     integer not null,
    chrt_id      bigint  not null,
    track_number text    not null,
    price        bigint  not null check (price >= 0),
    rid          text    not null,
    name         text    not null,
    sale         integer not null check (sale between 0 and 100),
    size         text    not null,
    total_price  bigint  not null check (total_price >= 0),
    nm_id        bigint  not null,
    brand        text    not null,
    status       bigint  not null,
    primary key (order_uid, position)
);

-- Every message that did not become an order, with why. message_key (stream, sequence and
-- publish time) makes writing the same rejection twice, after a redelivery, a no-op.
create table rejected_messages (
    id            bigint      generated always as identity primary key,
    message_key   text        not null unique,
    reason        text        not null,
    detail        text        not null,
    order_uid     text,
    payload_bytes integer     not null,
    -- the start of the payload, capped: enough to diagnose, bounded for hostile input
    payload_head  bytea       not null,
    received_at   timestamptz not null default now()
);

create index rejected_messages_order_uid on rejected_messages (order_uid) where order_uid is not null;
