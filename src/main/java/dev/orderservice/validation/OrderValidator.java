package dev.orderservice.validation;

import static dev.orderservice.validation.OrderContract.CUSTOMER_ID;
import static dev.orderservice.validation.OrderContract.DATE_CREATED;
import static dev.orderservice.validation.OrderContract.DELIVERY;
import static dev.orderservice.validation.OrderContract.DELIVERY_SERVICE;
import static dev.orderservice.validation.OrderContract.ENTRY;
import static dev.orderservice.validation.OrderContract.INTERNAL_SIGNATURE;
import static dev.orderservice.validation.OrderContract.ITEMS;
import static dev.orderservice.validation.OrderContract.LOCALE;
import static dev.orderservice.validation.OrderContract.OOF_SHARD;
import static dev.orderservice.validation.OrderContract.ORDER_UID;
import static dev.orderservice.validation.OrderContract.PAYMENT;
import static dev.orderservice.validation.OrderContract.SHARDKEY;
import static dev.orderservice.validation.OrderContract.SM_ID;
import static dev.orderservice.validation.OrderContract.TRACK_NUMBER;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderservice.digest.Sha256;
import dev.orderservice.model.Order;
import dev.orderservice.model.OrderId;
import dev.orderservice.model.OrderJson;
import dev.orderservice.validation.OrderContract.Delivery;
import dev.orderservice.validation.OrderContract.Item;
import dev.orderservice.validation.OrderContract.Payment;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a JSON tree is an order: every field of the model present with its exact JSON
 * type, within length and range limits, and internally consistent (the payment adds up, items
 * carry the order's track number). Unknown fields are refused, because the service promises to
 * serve back exactly the fields it received. The fields and their rules are {@link OrderContract};
 * this puts an order together from them, from a tree or from {@link OnePassReader}'s values alike.
 *
 * <p>Stateless and thread-safe.
 */
public final class OrderValidator {

    public static final int MAX_ITEMS = 1000;
    public static final int MAX_SHORT_TEXT = 64;
    public static final int MAX_LONG_TEXT = 255;
    public static final int MAX_REASONS_REPORTED = 10;

    /**
     * The order in this tree, accepted with its canonical JSON and hash, or rejected as
     * {@link RejectReason#INVALID_ORDER} with every reason it is not one. Never throws for bad input.
     */
    public Verdict validate(JsonNode root) {
        if (root == null || !root.isObject()) {
            return invalid(List.of("the message must be a JSON object"), root);
        }
        List<String> reasons = new ArrayList<>();
        Order order = order(new Fields(root, "", reasons, OrderContract.ORDER));
        return order == null ? invalid(reasons, root) : accepted(order);
    }

    static Verdict.Accepted accepted(Order order) {
        byte[] json = OrderJson.write(order);
        return new Verdict.Accepted(order, json, Sha256.of(json));
    }

    /** The order these fields make, in the model's field order; null when they break the contract (noted in them). */
    static Order order(FieldSource order) {
        order.rejectUnknown();
        String uid = order.text(ORDER_UID);
        String trackNumber = order.text(TRACK_NUMBER);
        String entry = order.text(ENTRY);
        Order.Delivery delivery = delivery(order.object(DELIVERY));
        Order.Payment payment = payment(order.object(PAYMENT));
        List<Order.Item> items = order.objects(ITEMS).stream().map(OrderValidator::item).toList();
        String locale = order.text(LOCALE);
        String signature = order.text(INTERNAL_SIGNATURE);
        String customerId = order.text(CUSTOMER_ID);
        String deliveryService = order.text(DELIVERY_SERVICE);
        String shardkey = order.text(SHARDKEY);
        long smId = order.integer(SM_ID);
        String dateCreated = order.text(DATE_CREATED);
        String oofShard = order.text(OOF_SHARD);

        if (order.sound()) {
            checkConsistency(order, trackNumber, payment, items);
        }
        if (!order.sound()) {
            return null;
        }
        return new Order(uid, trackNumber, entry, delivery, payment, items, locale, signature,
                customerId, deliveryService, shardkey, smId, dateCreated, oofShard);
    }

    /** The reasons as one line, capped so one pathological message cannot flood the store. */
    private static Verdict.Rejected invalid(List<String> reasons, JsonNode root) {
        String summary = String.join("; ", reasons.subList(0, Math.min(MAX_REASONS_REPORTED, reasons.size())));
        if (reasons.size() > MAX_REASONS_REPORTED) {
            summary += "; and " + (reasons.size() - MAX_REASONS_REPORTED) + " more";
        }
        return new Verdict.Rejected(RejectReason.INVALID_ORDER, summary, readableUid(root));
    }

    /** The order id of an invalid message, when it has a well-formed one, so people can search for it. */
    private static String readableUid(JsonNode root) {
        JsonNode uid = root == null ? null : root.get(ORDER_UID.name());
        return uid != null && uid.isTextual() && OrderId.isWellFormed(uid.textValue()) ? uid.textValue() : null;
    }

    private static Order.Delivery delivery(FieldSource d) {
        if (d == null) {
            return null;
        }
        d.rejectUnknown();
        return new Order.Delivery(d.text(Delivery.NAME), d.text(Delivery.PHONE), d.text(Delivery.ZIP),
                d.text(Delivery.CITY), d.text(Delivery.ADDRESS), d.text(Delivery.REGION), d.text(Delivery.EMAIL));
    }

    private static Order.Payment payment(FieldSource p) {
        if (p == null) {
            return null;
        }
        p.rejectUnknown();
        return new Order.Payment(p.text(Payment.TRANSACTION), p.text(Payment.REQUEST_ID), p.text(Payment.CURRENCY),
                p.text(Payment.PROVIDER), p.integer(Payment.AMOUNT), p.integer(Payment.PAYMENT_DT),
                p.text(Payment.BANK), p.integer(Payment.DELIVERY_COST), p.integer(Payment.GOODS_TOTAL),
                p.integer(Payment.CUSTOM_FEE));
    }

    private static Order.Item item(FieldSource i) {
        i.rejectUnknown();
        return new Order.Item(i.integer(Item.CHRT_ID), i.text(Item.TRACK_NUMBER), i.integer(Item.PRICE),
                i.text(Item.RID), i.text(Item.NAME), i.integer(Item.SALE), i.text(Item.SIZE),
                i.integer(Item.TOTAL_PRICE), i.integer(Item.NM_ID), i.text(Item.BRAND), i.integer(Item.STATUS));
    }

    /** Only run on an order whose fields are all well-typed, so the arithmetic sees real values. */
    private static void checkConsistency(FieldSource order, String trackNumber, Order.Payment payment,
            List<Order.Item> items) {
        long itemsTotal = 0;
        for (int i = 0; i < items.size(); i++) {
            Order.Item item = items.get(i);
            if (!item.trackNumber().equals(trackNumber)) {
                order.fail("items[" + i + "].track_number", "must equal the order's track_number");
            }
            itemsTotal = saturatedSum(itemsTotal, item.totalPrice());
        }
        // Each term is at most 2^53, so this sum of three cannot overflow a long.
        if (payment.goodsTotal() != itemsTotal) {
            order.fail("payment.goods_total",
                    "must equal the sum of items' total_price (" + itemsTotal + "), is " + payment.goodsTotal());
        }
        long expectedAmount = payment.goodsTotal() + payment.deliveryCost() + payment.customFee();
        if (payment.amount() != expectedAmount) {
            order.fail("payment.amount", "must equal goods_total + delivery_cost + custom_fee (" + expectedAmount
                    + "), is " + payment.amount());
        }
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }
}
