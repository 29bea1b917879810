-- An order's delivery and its payment are one-to-one with the order: they move into the order's
-- row (issue 16). Two tables of their own cost PostgreSQL, for every order stored, two more heap
-- rows, two more primary-key index entries on a text key and two more COPY streams per batch:
-- about a third of its statement time in the drain (docs/performance.md). The fields are still
-- columns of their own (no JSON), typed and checked as before, so the store stays normalised and
-- queryable; deliveries and payments remain as read-only views of the same names and columns, so
-- queries written against them keep working.
--
-- The table is rebuilt rather than updated in place: an update would write every order twice
-- (the old versions left as dead rows as large as the table), while a copy in seq order writes
-- each once and builds its indexes in one pass. Every order has its delivery and payment (the
-- writer stores the three in one transaction); one that does not stops the migration, untouched.

do $fold$
declare
    missing bigint;
begin
    select count(*) into missing from orders o
    where not exists (select 1 from deliveries d where d.order_uid = o.order_uid)
       or not exists (select 1 from payments p where p.order_uid = o.order_uid);
    if missing > 0 then
        raise exception 'V22: % order(s) have no delivery or no payment row; restore them (or delete the order) and migrate again', missing;
    end if;
end
$fold$;

create table orders_folded (
    order_uid             text        primary key,
    seq                   bigint      generated always as identity unique,
    track_number          text        not null,
    entry                 text        not null,
    locale                text        not null,
    internal_signature    text        not null,
    customer_id           text        not null,
    delivery_service      text        not null,
    shardkey              text        not null,
    sm_id                 bigint      not null,
    date_created          timestamptz not null,
    date_created_text     text        not null,
    oof_shard             text        not null,
    delivery_name         text        not null,
    delivery_phone        text        not null,
    delivery_zip          text        not null,
    delivery_city         text        not null,
    delivery_address      text        not null,
    delivery_region       text        not null,
    delivery_email        text        not null,
    payment_transaction   text        not null,
    payment_request_id    text        not null,
    payment_currency      text        not null,
    payment_provider      text        not null,
    payment_amount        bigint      not null check (payment_amount >= 0),
    payment_dt            bigint      not null,
    payment_bank          text        not null,
    payment_delivery_cost bigint      not null check (payment_delivery_cost >= 0),
    payment_goods_total   bigint      not null check (payment_goods_total >= 0),
    payment_custom_fee    bigint      not null check (payment_custom_fee >= 0),
    content_hash          bytea       not null,
    received_at           timestamptz not null default now(),
    json                  bytea,
    item_count            integer     not null
)
-- A row of a 3-item order is about 1.6 KB with its delivery and payment. PostgreSQL's default
-- tries to shrink any row over 2 KB by compressing its largest value (the JSON, with pglz) on
-- every insert: a tenth of the bench's orders, at a cost in CPU on insert and on each read.
-- Compression now starts only when a row would not fit a page; rows of up to 8 KB stay inline and
-- uncompressed (larger orders are compressed as before).
with (toast_tuple_target = 8160);

insert into orders_folded (order_uid, seq, track_number, entry, locale, internal_signature, customer_id,
    delivery_service, shardkey, sm_id, date_created, date_created_text, oof_shard,
    delivery_name, delivery_phone, delivery_zip, delivery_city, delivery_address, delivery_region, delivery_email,
    payment_transaction, payment_request_id, payment_currency, payment_provider, payment_amount, payment_dt,
    payment_bank, payment_delivery_cost, payment_goods_total, payment_custom_fee,
    content_hash, received_at, json, item_count)
overriding system value
select o.order_uid, o.seq, o.track_number, o.entry, o.locale, o.internal_signature, o.customer_id,
    o.delivery_service, o.shardkey, o.sm_id, o.date_created, o.date_created_text, o.oof_shard,
    d.name, d.phone, d.zip, d.city, d.address, d.region, d.email,
    p.transaction, p.request_id, p.currency, p.provider, p.amount, p.payment_dt,
    p.bank, p.delivery_cost, p.goods_total, p.custom_fee,
    o.content_hash, o.received_at, o.json, o.item_count
from orders o join deliveries d using (order_uid) join payments p using (order_uid)
order by o.seq;

-- seq goes on from where it was, so cursors and the cache's ranges keep their meaning (a store
-- that never stored an order keeps a sequence that starts at 1)
select setval(pg_get_serial_sequence('orders_folded', 'seq'), last)
from (select greatest((select max(seq) from orders_folded), pg_sequence_last_value('orders_seq_seq')) as last) s
where last is not null;

drop table deliveries;
drop table payments;
drop table orders;

alter table orders_folded rename to orders;
alter sequence orders_folded_seq_seq rename to orders_seq_seq;
alter index orders_folded_pkey rename to orders_pkey;
alter index orders_folded_seq_key rename to orders_seq_key;
alter table orders rename constraint orders_folded_payment_amount_check to orders_payment_amount_check;
alter table orders rename constraint orders_folded_payment_delivery_cost_check to orders_payment_delivery_cost_check;
alter table orders rename constraint orders_folded_payment_goods_total_check to orders_payment_goods_total_check;
alter table orders rename constraint orders_folded_payment_custom_fee_check to orders_payment_custom_fee_check;

-- the console's searches (V21), on the same expressions, now over the order row
create index orders_track_number_seq on orders (track_number, seq);
create index orders_customer_id_seq on orders (customer_id, seq);
create index orders_delivery_email_lower on orders (lower(delivery_email));
create index orders_delivery_phone_plain on orders (translate(delivery_phone, ' -.()', ''));
create index orders_date_created on orders (date_created);

-- The former tables, read-only, as they were. Nothing in the service reads them.
create view deliveries as
select order_uid, delivery_name as name, delivery_phone as phone, delivery_zip as zip, delivery_city as city,
    delivery_address as address, delivery_region as region, delivery_email as email
from orders;

create view payments as
select order_uid, payment_transaction as transaction, payment_request_id as request_id,
    payment_currency as currency, payment_provider as provider, payment_amount as amount, payment_dt,
    payment_bank as bank, payment_delivery_cost as delivery_cost, payment_goods_total as goods_total,
    payment_custom_fee as custom_fee
from orders;

analyze orders;
