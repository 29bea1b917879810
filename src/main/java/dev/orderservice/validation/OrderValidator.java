package dev.orderservice.validation;

import static dev.orderservice.validation.Fields.MAX_SAFE_INTEGER;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderservice.digest.Sha256;
import dev.orderservice.model.Order;
import dev.orderservice.model.OrderId;
import dev.orderservice.model.OrderJson;
import dev.orderservice.model.UsualTimestamp;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a JSON tree is an order: every field of the model present with its exact JSON
 * type, within length and range limits, and internally consistent (the payment adds up, items
 * carry the order's track number). Unknown fields are refused, because the service promises to
 * serve back exactly the fields it received.
 *
 * <p>Stateless and thread-safe.
 */
public final class OrderValidator {

    public static final int MAX_ITEMS = 1000;
    public static final int MAX_SHORT_TEXT = 64;
    public static final int MAX_LONG_TEXT = 255;
    public static final int MAX_REASONS_REPORTED = 10;

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final long MAX_PERCENT = 100;
    private static final int MIN_YEAR = 1970;
    private static final int MAX_YEAR = 9999;

    private static final Set<String> ORDER_FIELDS = Set.of("order_uid", "track_number", "entry", "delivery",
            "payment", "items", "locale", "internal_signature", "customer_id", "delivery_service", "shardkey",
            "sm_id", "date_created", "oof_shard");
    private static final Set<String> DELIVERY_FIELDS = Set.of("name", "phone", "zip", "city", "address",
            "region", "email");
    private static final Set<String> PAYMENT_FIELDS = Set.of("transaction", "request_id", "currency", "provider",
            "amount", "payment_dt", "bank", "delivery_cost", "goods_total", "custom_fee");
    private static final Set<String> ITEM_FIELDS = Set.of("chrt_id", "track_number", "price", "rid", "name",
            "sale", "size", "total_price", "nm_id", "brand", "status");

    /**
     * The order in this tree, accepted with its canonical JSON and hash, or rejected as
     * {@link RejectReason#INVALID_ORDER} with every reason it is not one. Never throws for bad input.
     */
    public Verdict validate(JsonNode root) {
        if (root == null || !root.isObject()) {
            return invalid(List.of("the message must be a JSON object"), root);
        }
        List<String> reasons = new ArrayList<>();
        Fields order = new Fields(root, "", reasons);
        order.rejectUnknown(ORDER_FIELDS);
        String uid = order.text("order_uid", 1, OrderId.MAX_CHARS, OrderId::isWellFormed,
                "must be " + OrderId.describe());
        String trackNumber = order.text("track_number", 1, MAX_SHORT_TEXT);
        String entry = order.text("entry", 1, MAX_SHORT_TEXT);
        Order.Delivery delivery = delivery(order.object("delivery"));
        Order.Payment payment = payment(order.object("payment"));
        List<Order.Item> items = order.objects("items", 1, MAX_ITEMS).stream().map(this::item).toList();
        String locale = order.text("locale", 1, 16);
        String signature = order.text("internal_signature", 0, MAX_LONG_TEXT);
        String customerId = order.text("customer_id", 1, MAX_SHORT_TEXT);
        String deliveryService = order.text("delivery_service", 1, MAX_SHORT_TEXT);
        String shardkey = order.text("shardkey", 1, 16);
        long smId = order.integer("sm_id", 0, MAX_SAFE_INTEGER);
        String dateCreated = order.text("date_created", 1, 40, OrderValidator::isTimestamp,
                "must be an ISO-8601 timestamp with an offset, such as 2021-11-26T06:22:19Z");
        String oofShard = order.text("oof_shard", 1, 16);

        if (reasons.isEmpty()) {
            checkConsistency(order, trackNumber, payment, items);
        }
        if (!reasons.isEmpty()) {
            return invalid(reasons, root);
        }
        return accepted(new Order(uid, trackNumber, entry, delivery, payment, items, locale, signature,
                customerId, deliveryService, shardkey, smId, dateCreated, oofShard));
    }

    private static Verdict.Accepted accepted(Order order) {
        byte[] json = OrderJson.write(order);
        return new Verdict.Accepted(order, json, Sha256.of(json));
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
        JsonNode uid = root == null ? null : root.get("order_uid");
        return uid != null && uid.isTextual() && OrderId.isWellFormed(uid.textValue()) ? uid.textValue() : null;
    }


    private Order.Delivery delivery(Fields d) {
        if (d == null) {
            return null;
        }
        d.rejectUnknown(DELIVERY_FIELDS);
        return new Order.Delivery(
                d.text("name", 1, MAX_LONG_TEXT),
                d.text("phone", 1, MAX_SHORT_TEXT),
                d.text("zip", 0, MAX_SHORT_TEXT),
                d.text("city", 1, MAX_LONG_TEXT),
                d.text("address", 1, MAX_LONG_TEXT),
                d.text("region", 0, MAX_LONG_TEXT),
                d.text("email", 0, MAX_LONG_TEXT, e -> e.isEmpty() || e.indexOf('@') > 0, "must be an e-mail address"));
    }

    private Order.Payment payment(Fields p) {
        if (p == null) {
            return null;
        }
        p.rejectUnknown(PAYMENT_FIELDS);
        return new Order.Payment(
                p.text("transaction", 1, MAX_SHORT_TEXT),
                p.text("request_id", 0, MAX_SHORT_TEXT),
                p.text("currency", 3, 3, c -> CURRENCY.matcher(c).matches(), "must be an ISO 4217 code such as USD"),
                p.text("provider", 1, MAX_SHORT_TEXT),
                p.integer("amount", 0, MAX_SAFE_INTEGER),
                p.integer("payment_dt", 0, MAX_SAFE_INTEGER),
                p.text("bank", 0, MAX_SHORT_TEXT),
                p.integer("delivery_cost", 0, MAX_SAFE_INTEGER),
                p.integer("goods_total", 0, MAX_SAFE_INTEGER),
                p.integer("custom_fee", 0, MAX_SAFE_INTEGER));
    }

    private Order.Item item(Fields i) {
        i.rejectUnknown(ITEM_FIELDS);
        return new Order.Item(
                i.integer("chrt_id", 0, MAX_SAFE_INTEGER),
                i.text("track_number", 1, MAX_SHORT_TEXT),
                i.integer("price", 0, MAX_SAFE_INTEGER),
                i.text("rid", 1, MAX_SHORT_TEXT),
                i.text("name", 1, MAX_LONG_TEXT),
                i.integer("sale", 0, MAX_PERCENT),
                i.text("size", 0, MAX_SHORT_TEXT),
                i.integer("total_price", 0, MAX_SAFE_INTEGER),
                i.integer("nm_id", 0, MAX_SAFE_INTEGER),
                i.text("brand", 0, MAX_LONG_TEXT),
                i.integer("status", 0, MAX_SAFE_INTEGER));
    }

    /** Only run on an order whose fields are all well-typed, so the arithmetic sees real values. */
    private static void checkConsistency(Fields order, String trackNumber, Order.Payment payment, List<Order.Item> items) {
        long itemsTotal = 0;
        for (int i = 0; i < items.size(); i++) {
            Order.Item item = items.get(i);
            order.check(item.trackNumber().equals(trackNumber), "items[" + i + "].track_number",
                    "must equal the order's track_number");
            itemsTotal = saturatedSum(itemsTotal, item.totalPrice());
        }
        // Each term is at most 2^53, so this sum of three cannot overflow a long.
        order.check(payment.goodsTotal() == itemsTotal, "payment.goods_total",
                "must equal the sum of items' total_price (" + itemsTotal + "), is " + payment.goodsTotal());
        long expectedAmount = payment.goodsTotal() + payment.deliveryCost() + payment.customFee();
        order.check(payment.amount() == expectedAmount, "payment.amount",
                "must equal goods_total + delivery_cost + custom_fee (" + expectedAmount + "), is " + payment.amount());
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }

    /**
     * Parsed by {@link UsualTimestamp} when it has the usual shape (which only ever agrees with
     * {@code DateTimeFormatter}, and its year is then the first four digits), else by the formatter.
     */
    private static boolean isTimestamp(String text) {
        try {
            int year = UsualTimestamp.epochSeconds(text) != UsualTimestamp.UNUSUAL
                    ? Integer.parseInt(text, 0, 4, 10)
                    : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).getYear();
            return year >= MIN_YEAR && year <= MAX_YEAR;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
