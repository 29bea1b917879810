package dev.orderservice.store;

import static dev.orderservice.store.Columns.aside;
import static dev.orderservice.store.Columns.bytes;
import static dev.orderservice.store.Columns.derived;
import static dev.orderservice.store.Columns.integer;
import static dev.orderservice.store.Columns.number;
import static dev.orderservice.store.Columns.text;

import dev.orderservice.model.Order;
import dev.orderservice.validation.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The two tables an order is stored in, each described once (see {@link Columns}): the order with
 * its delivery and payment in one row, and its items. The writer inserts from these descriptors
 * and the reader selects their fields by the same names.
 */
final class OrderTables {

    /** One item with what its row needs beside it: the order it belongs to and its place in it. */
    record ItemRow(String orderUid, int position, Order.Item item) {
    }

    static final Columns<Verdict.Accepted> ORDERS = new Columns<>("orders",
            text("order_uid", a -> a.order().orderUid()),
            text("track_number", a -> a.order().trackNumber()),
            text("entry", a -> a.order().entry()),
            text("locale", a -> a.order().locale()),
            text("internal_signature", a -> a.order().internalSignature()),
            text("customer_id", a -> a.order().customerId()),
            text("delivery_service", a -> a.order().deliveryService()),
            text("shardkey", a -> a.order().shardkey()),
            number("sm_id", a -> a.order().smId()),
            // the text as published is served back; the timestamp is for queries
            text("date_created_text", a -> a.order().dateCreated()),
            derived("date_created", "date_created_text::timestamptz",
                    (a, out) -> out.timestamptz(BinaryCopy.timestamptzMicros(a.order().dateCreated()))),
            text("oof_shard", a -> a.order().oofShard()),
            // the delivery and the payment are one-to-one with the order, so they are its columns (V22)
            text("delivery_name", a -> a.order().delivery().name()),
            text("delivery_phone", a -> a.order().delivery().phone()),
            text("delivery_zip", a -> a.order().delivery().zip()),
            text("delivery_city", a -> a.order().delivery().city()),
            text("delivery_address", a -> a.order().delivery().address()),
            text("delivery_region", a -> a.order().delivery().region()),
            text("delivery_email", a -> a.order().delivery().email()),
            text("payment_transaction", a -> a.order().payment().transaction()),
            text("payment_request_id", a -> a.order().payment().requestId()),
            text("payment_currency", a -> a.order().payment().currency()),
            text("payment_provider", a -> a.order().payment().provider()),
            number("payment_amount", a -> a.order().payment().amount()),
            number("payment_dt", a -> a.order().payment().paymentDt()),
            text("payment_bank", a -> a.order().payment().bank()),
            number("payment_delivery_cost", a -> a.order().payment().deliveryCost()),
            number("payment_goods_total", a -> a.order().payment().goodsTotal()),
            number("payment_custom_fee", a -> a.order().payment().customFee()),
            bytes("content_hash", Verdict.Accepted::contentHash),
            bytes("json", Verdict.Accepted::json),
            // what the listings show, kept in the row: no per-row count of items (V21)
            aside("item_count", a -> a.order().items().size()));

    static final Columns<ItemRow> ITEMS = new Columns<>("items",
            text("order_uid", ItemRow::orderUid),
            integer("position", ItemRow::position),
            number("chrt_id", r -> r.item().chrtId()),
            text("track_number", r -> r.item().trackNumber()),
            number("price", r -> r.item().price()),
            text("rid", r -> r.item().rid()),
            text("name", r -> r.item().name()),
            integer("sale", r -> r.item().sale()),
            text("size", r -> r.item().size()),
            number("total_price", r -> r.item().totalPrice()),
            number("nm_id", r -> r.item().nmId()),
            text("brand", r -> r.item().brand()),
            number("status", r -> r.item().status()));

    private OrderTables() {
    }

    /** The item rows of these orders, each item with its order's id and its place in the order. */
    static List<ItemRow> itemRows(List<Verdict.Accepted> orders) {
        List<ItemRow> rows = new ArrayList<>(orders.size() * 4);
        for (Verdict.Accepted accepted : orders) {
            List<Order.Item> items = accepted.order().items();
            for (int position = 0; position < items.size(); position++) {
                rows.add(new ItemRow(accepted.orderUid(), position, items.get(position)));
            }
        }
        return rows;
    }
}
