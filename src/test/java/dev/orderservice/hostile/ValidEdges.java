package dev.orderservice.hostile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Valid orders at the edges of the contract, made from a generated one: exotic Unicode (emoji,
 * right-to-left overrides, combining marks, noncharacters, the last code point), numbers at their
 * bounds, text at its maximum length, empty optional fields, the most items that fit. Each must be
 * stored and served back byte for byte like any other order.
 */
public final class ValidEdges {

    static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;
    /** Each at most 64 UTF-16 units, so it fits even the short fields. */
    static final List<String> TEXTS = List.of("😀👍🏽 Иван Петров", "\u202Eevil\u202C عربي עברית",
            "e\u0301\u0308 n\u0303 combining", "👨‍👩‍👧‍👦 family", "\uFEFFbom inside", "\uFFFF\uFFFE noncharacters",
            "\uDBFF\uDFFF last code point", "line1\nline2\ttab\r", "quote \" backslash \\ slash /",
            "\u0001\u001F\u007F\u0085 controls", "𝕳𝖊𝖑𝖑𝖔 math", "中文名字", "<script>alert(1)</script>",
            "'; drop table orders; --", "%s%n%x{0}${jndi:x}", "\u2028\u2029 separators");
    private static final List<String> DATES = List.of("2021-11-26T06:22:19.123456789+14:00",
            "9999-12-31T23:59:59-12:00", "1970-01-01T00:00:00Z", "2024-02-29T12:00:00+05:45");

    private ValidEdges() {
    }

    /** Makes the order an edge case of one kind, chosen at random; returns the kind's name. */
    public static String apply(ObjectNode order, RandomGenerator random) {
        switch (random.nextInt(5)) {
            case 0 -> {
                ((ObjectNode) order.get("delivery")).put("name", text(random)).put("address", text(random));
                order.put("customer_id", text(random));
                item(order, random).put("name", text(random)).put("brand", text(random));
                return "unicode";
            }
            case 1 -> {
                order.put("sm_id", MAX_SAFE_INTEGER);
                ((ObjectNode) order.get("payment")).put("payment_dt", MAX_SAFE_INTEGER);
                item(order, random).put("chrt_id", MAX_SAFE_INTEGER).put("nm_id", 0).put("status", MAX_SAFE_INTEGER)
                        .put("sale", random.nextBoolean() ? 100 : 0);
                return "number bounds";
            }
            case 2 -> {
                ((ObjectNode) order.get("delivery")).put("name", "😀".repeat(127) + "a");
                order.put("customer_id", "\u05D0".repeat(64)).put("internal_signature", "s".repeat(255));
                return "maximum lengths";
            }
            case 3 -> {
                ((ObjectNode) order.get("delivery")).put("zip", "").put("region", "").put("email", "");
                ((ObjectNode) order.get("payment")).put("request_id", "").put("bank", "");
                order.put("internal_signature", "");
                item(order, random).put("size", "").put("brand", "");
                return "empty optional fields";
            }
            default -> {
                order.put("date_created", DATES.get(random.nextInt(DATES.size())));
                return "date edges";
            }
        }
    }

    /** The order with its first item repeated {@code count} times and the payment adjusted to match. */
    public static ObjectNode withItems(ObjectNode order, int count) {
        ArrayNode items = (ArrayNode) order.get("items");
        ObjectNode first = (ObjectNode) items.get(0);
        items.removeAll();
        for (int i = 0; i < count; i++) {
            items.add(first.deepCopy());
        }
        ObjectNode payment = (ObjectNode) order.get("payment");
        long goods = first.get("total_price").longValue() * count;
        payment.put("goods_total", goods);
        payment.put("amount", goods + payment.get("delivery_cost").longValue() + payment.get("custom_fee").longValue());
        return order;
    }

    private static String text(RandomGenerator random) {
        return TEXTS.get(random.nextInt(TEXTS.size()));
    }

    private static ObjectNode item(ObjectNode order, RandomGenerator random) {
        ArrayNode items = (ArrayNode) order.get("items");
        return (ObjectNode) items.get(random.nextInt(items.size()));
    }
}
