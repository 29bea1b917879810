package dev.orderservice.publish;

import static dev.orderservice.publish.Catalog.pick;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.model.OrderId;
import dev.orderservice.validation.OrderValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Breaks one rule of the order contract in the JSON tree of a valid order, leaving the rest intact,
 * so each message tests one rule of the validator. Used once per message; not thread-safe.
 */
final class OrderDamage {

    private static final int MAX_ITEMS = OrderValidator.MAX_ITEMS;
    /** The parser refuses nesting deeper than 16; this is comfortably past it. */
    private static final int MIN_NESTING = 20;
    private static final int MAX_NESTING = 200;
    private static final List<String> BAD_DATES = List.of("2021-11-26 06:22:19", "2021-11-26T06:22:19",
            "26.11.2021", "2021-13-40T06:22:19Z", "yesterday", "1969-12-31T23:59:59Z", "2021-11-26T25:61:00+03:00");
    private static final List<String> BAD_CURRENCIES = List.of("usd", "US", "DOLLAR", "€", "US1", "");
    private static final List<String> BAD_UIDS = List.of("", " b563feb7b2b84b6", "-leading-dash", "has space",
            "a/b", "ünïcödé", "x".repeat(65), "uid;DROP TABLE orders");
    private static final List<String> UNKNOWN_TOP = List.of("promo_code", "orderUid", "comment", "__proto__");

    private final ObjectNode order;
    private final RandomGenerator random;

    OrderDamage(ObjectNode order, RandomGenerator random) {
        this.order = order;
        this.random = random;
    }

    void apply(GarbageKind kind) {
        switch (kind) {
            case MISSING_FIELD -> {
                ObjectNode target = anyObject();
                target.remove(anyField(target));
            }
            case WRONG_TYPE -> wrongType();
            case NULL_FIELD -> {
                ObjectNode target = anyObject();
                target.putNull(anyField(target));
            }
            case NEGATIVE_AMOUNT -> payment().put("amount", -Math.max(1, payment().get("amount").longValue()));
            case INCONSISTENT_TOTALS -> inconsistentTotals();
            case ITEM_TRACK_MISMATCH -> anyItem().put("track_number", order.get("track_number").textValue() + "X");
            case BAD_DATE -> order.put("date_created", pick(BAD_DATES, random));
            case BAD_CURRENCY -> payment().put("currency", pick(BAD_CURRENCIES, random));
            case BAD_ORDER_UID -> order.put("order_uid", pick(BAD_UIDS, random));
            case UNKNOWN_FIELD -> unknownField();
            case NUL_CHARACTER -> delivery().put("name", delivery().get("name").textValue() + "\u0000");
            case DEEPLY_NESTED -> order.set("delivery", nested(random.nextInt(MIN_NESTING, MAX_NESTING + 1)));
            case TOO_MANY_ITEMS -> tooManyItems();
            case TEXT_TOO_LONG -> textTooLong();
            default -> throw new IllegalArgumentException(kind + " is not damage to an order's content");
        }
    }

    /** One of the order's objects: the top level, delivery, payment or an item. */
    private ObjectNode anyObject() {
        return switch (random.nextInt(4)) {
            case 0 -> order;
            case 1 -> delivery();
            case 2 -> payment();
            default -> anyItem();
        };
    }

    private String anyField(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return pick(names, random);
    }

    private void wrongType() {
        ObjectNode payment = payment();
        ObjectNode item = anyItem();
        switch (random.nextInt(8)) {
            case 0 -> payment.put("amount", Long.toString(payment.get("amount").longValue()));
            case 1 -> order.put("shardkey", Integer.parseInt(order.get("shardkey").textValue()));
            case 2 -> order.put("sm_id", Long.toString(order.get("sm_id").longValue()));
            case 3 -> order.set("items", item);
            case 4 -> order.put("delivery", delivery().get("city").textValue());
            case 5 -> item.put("sale", item.get("sale").longValue() + 0.5);
            case 6 -> item.put("size", 42);
            default -> payment.put("payment_dt", Long.toString(payment.get("payment_dt").longValue()));
        }
    }

    private void inconsistentTotals() {
        ObjectNode payment = payment();
        long off = random.nextLong(1, 1000);
        switch (random.nextInt(3)) {
            case 0 -> payment.put("amount", payment.get("amount").longValue() + off);
            case 1 -> {
                // goods_total wrong but amount agreeing with it: only the items' sum catches this
                payment.put("goods_total", payment.get("goods_total").longValue() + off);
                payment.put("amount", payment.get("amount").longValue() + off);
            }
            default -> {
                ObjectNode item = anyItem();
                item.put("total_price", item.get("total_price").longValue() + off);
            }
        }
    }

    private void unknownField() {
        switch (random.nextInt(3)) {
            case 0 -> order.put(pick(UNKNOWN_TOP, random), "surprise");
            case 1 -> payment().put("tip", random.nextInt(1, 500));
            default -> anyItem().put("discount_code", "SALE" + random.nextInt(100));
        }
    }

    /** Tiny elements: the count is what is wrong, and the message stays a few kilobytes. */
    private void tooManyItems() {
        ArrayNode items = order.putArray("items");
        int count = random.nextInt(MAX_ITEMS + 1, 3 * MAX_ITEMS);
        for (int i = 0; i < count; i++) {
            items.add(0);
        }
    }

    private void textTooLong() {
        int over = random.nextInt(1, random.nextBoolean() ? 4 : 3000);
        String filler = "\u00e9";
        switch (random.nextInt(4)) {
            case 0 -> order.put("order_uid", "a".repeat(OrderId.MAX_CHARS + over));
            case 1 -> order.put("track_number", "T".repeat(OrderValidator.MAX_SHORT_TEXT + over));
            case 2 -> delivery().put("name", filler.repeat(OrderValidator.MAX_LONG_TEXT + over));
            default -> anyItem().put("brand", "\uD83D\uDE00".repeat((OrderValidator.MAX_LONG_TEXT + over) / 2 + 1));
        }
    }

    private static JsonNode nested(int depth) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode current = root;
        for (int i = 1; i < depth; i++) {
            current = current.putObject("next");
        }
        return root;
    }

    private ObjectNode delivery() {
        return (ObjectNode) order.get("delivery");
    }

    private ObjectNode payment() {
        return (ObjectNode) order.get("payment");
    }

    private ObjectNode anyItem() {
        ArrayNode items = (ArrayNode) order.get("items");
        return (ObjectNode) items.get(random.nextInt(items.size()));
    }
}
