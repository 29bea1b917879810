package dev.orderservice.publish;

import static dev.orderservice.publish.Catalog.pick;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Damage that a JSON tree cannot express: number literals such as {@code 1e400} or 40 digits, JSON
 * escapes of lone surrogates, and raw bytes that are not UTF-8. A field's value is replaced by a
 * placeholder string in the tree, and the placeholder by the literal in the bytes.
 */
final class LiteralDamage {

    private static final String PLACEHOLDER = "\"__literal_damage__\"";
    private static final List<String> BAD_NUMBERS = List.of("9007199254740992", "9223372036854775808", "-1",
            "-9007199254740993", "12.5", "1e400", "-1e400", "1E2", "0.0", "1e-400", "-0.5",
            "123456789012345678901234567890123456789", "1" + "0".repeat(70));
    private static final List<String> INTEGER_FIELDS = List.of("sm_id", "payment.amount", "payment.payment_dt",
            "payment.delivery_cost", "payment.goods_total", "payment.custom_fee", "item.price", "item.sale",
            "item.total_price", "item.chrt_id", "item.nm_id", "item.status");
    private static final List<String> LONE_SURROGATES = List.of("\"\\ud800\"", "\"abc\\udfff\"",
            "\"\\udc00\\ud800\"", "\"x\\ud83d\"", "\"\\ude00y\"");
    private static final List<String> TEXT_FIELDS = List.of("customer_id", "delivery.name", "delivery.city",
            "payment.provider", "item.name", "item.brand", "locale");
    /** Overlong forms of '/', NUL and 'A', a five- and six-byte form, a lone continuation, a cut sequence. */
    private static final byte[][] NOT_UTF8 = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}, {(byte) 0xC1, (byte) 0x81},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xFC, (byte) 0x84, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};

    private LiteralDamage() {
    }

    static byte[] apply(GarbageKind kind, ObjectNode order, RandomGenerator random) {
        return switch (kind) {
            case OUT_OF_RANGE_NUMBER -> replaced(order, pick(INTEGER_FIELDS, random), random,
                    ascii(pick(BAD_NUMBERS, random)));
            case UNPAIRED_SURROGATE -> replaced(order, pick(TEXT_FIELDS, random), random,
                    ascii(pick(LONE_SURROGATES, random)));
            // order_uid allows only ASCII letters and digits, so even a decoder that tolerated an
            // overlong form would find a wrong id
            case OVERLONG_UTF8 -> replaced(order, "order_uid", random,
                    concat(ascii("\"ab"), NOT_UTF8[random.nextInt(NOT_UTF8.length)], ascii("cd\"")));
            default -> throw new IllegalArgumentException(kind + " is not damage to a literal");
        };
    }

    private static byte[] replaced(ObjectNode order, String field, RandomGenerator random, byte[] literal) {
        target(order, field, random).put(field.substring(field.indexOf('.') + 1), "__literal_damage__");
        byte[] json;
        try {
            json = Json.mapper().writeValueAsBytes(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        String text = new String(json, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(PLACEHOLDER);
        return concat(Arrays.copyOf(json, at), literal,
                Arrays.copyOfRange(json, at + PLACEHOLDER.length(), json.length));
    }

    private static ObjectNode target(ObjectNode order, String field, RandomGenerator random) {
        if (field.startsWith("item.")) {
            ArrayNode items = (ArrayNode) order.get("items");
            return (ObjectNode) items.get(random.nextInt(items.size()));
        }
        int dot = field.indexOf('.');
        return dot < 0 ? order : (ObjectNode) order.get(field.substring(0, dot));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
