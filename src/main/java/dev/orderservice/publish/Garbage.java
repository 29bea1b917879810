package dev.orderservice.publish;

import static dev.orderservice.publish.Catalog.pick;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.json.Json;
import dev.orderservice.model.Order;
import dev.orderservice.model.OrderJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Makes invalid messages of each {@link GarbageKind}, most of them by damaging a valid order so
 * they look like what a buggy publisher sends. Kinds that break the bytes are made here; kinds
 * that break the content are made by {@link OrderDamage} on the JSON tree. Thread-safe.
 */
public final class Garbage {

    /** Bigger than the service's default message limit (256 KiB) and within NATS's default 1 MiB. */
    public static final int DEFAULT_OVERSIZE_BYTES = 300 * 1024;
    private static final int MAX_NOISE_BYTES = 512;
    private static final List<String> NOT_OBJECTS = List.of("42", "\"order\"", "true", "null", "[]", "-1.5e3");
    private static final List<String> NOT_JSON_TEXTS = List.of(
            "<order><order_uid>b563feb7b2b84b6test</order_uid></order>",
            "order_uid=b563feb7b2b84b6test&track_number=WBILMTESTTRACK",
            "hello", "NaN", "{order_uid: 'b563feb7b2b84b6test'}", "undefined");
    /** Bytes that cannot start a JSON text, so random noise is never accidentally valid JSON. */
    private static final String NOT_JSON_STARTS = "#<%~&*;=?@\\^`|";

    private final int oversizeBytes;

    public Garbage() {
        this(DEFAULT_OVERSIZE_BYTES);
    }

    /** @param oversizeBytes the size of {@link GarbageKind#OVERSIZED} messages, at least this many bytes */
    public Garbage(int oversizeBytes) {
        if (oversizeBytes < 1024) {
            throw new IllegalArgumentException("oversized messages need at least 1024 bytes, not " + oversizeBytes);
        }
        this.oversizeBytes = oversizeBytes;
    }

    public int oversizeBytes() {
        return oversizeBytes;
    }

    /**
     * An invalid message of the given kind, derived from a valid order; deterministic in
     * {@code random}'s state.
     */
    public byte[] make(GarbageKind kind, Order base, RandomGenerator random) {
        return switch (kind) {
            case NOT_JSON -> notJson(random);
            case TRUNCATED_JSON -> truncated(OrderJson.write(base), random);
            case EMPTY_OBJECT -> ascii(random.nextBoolean() ? "{}" : "{ }");
            case NOT_AN_OBJECT -> notAnObject(base, random);
            case DUPLICATE_KEY -> duplicateKey(base);
            case INVALID_UTF8 -> invalidUtf8(base, random);
            case OVERSIZED -> damaged(base, tree -> tree.put("internal_signature", padding(random)));
            case OUT_OF_RANGE_NUMBER, UNPAIRED_SURROGATE, OVERLONG_UTF8 ->
                    LiteralDamage.apply(kind, Json.mapper().valueToTree(base), random);
            default -> damaged(base, tree -> new OrderDamage(tree, random).apply(kind));
        };
    }

    private static byte[] notJson(RandomGenerator random) {
        if (random.nextInt(4) == 0) {
            return ascii(pick(NOT_JSON_TEXTS, random));
        }
        byte[] noise = new byte[random.nextInt(1, MAX_NOISE_BYTES + 1)];
        random.nextBytes(noise);
        noise[0] = (byte) NOT_JSON_STARTS.charAt(random.nextInt(NOT_JSON_STARTS.length()));
        return noise;
    }

    /** A proper prefix of an object never closes it, so every cut is malformed. */
    private static byte[] truncated(byte[] json, RandomGenerator random) {
        return Arrays.copyOf(json, random.nextInt(1, json.length));
    }

    private static byte[] notAnObject(Order base, RandomGenerator random) {
        if (random.nextBoolean()) {
            return concat(ascii("["), OrderJson.write(base), ascii("]"));
        }
        return ascii(pick(NOT_OBJECTS, random));
    }

    /** The same key twice with different values: which one a reader keeps is undefined, so it is refused. */
    private static byte[] duplicateKey(Order base) {
        byte[] json = OrderJson.write(base);
        byte[] extra = ascii("{\"order_uid\":\"" + base.orderUid() + "x\",");
        return concat(extra, Arrays.copyOfRange(json, 1, json.length));
    }

    private static byte[] invalidUtf8(Order base, RandomGenerator random) {
        byte[] json = OrderJson.write(base);
        // Canonical bytes start with {"order_uid":" so this lands inside the first string value.
        int at = "{\"order_uid\":\"".length() + random.nextInt(4);
        byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
        return concat(Arrays.copyOf(json, at), bad[random.nextInt(bad.length)], Arrays.copyOfRange(json, at, json.length));
    }

    private String padding(RandomGenerator random) {
        char filler = (char) ('a' + random.nextInt(26));
        return String.valueOf(filler).repeat(oversizeBytes);
    }

    private static byte[] damaged(Order base, Consumer<ObjectNode> damage) {
        ObjectNode tree = Json.mapper().valueToTree(base);
        damage.accept(tree);
        try {
            return Json.mapper().writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
