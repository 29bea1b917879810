package dev.orderservice.hostile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.json.Json;
import dev.orderservice.publish.Garbage;
import dev.orderservice.publish.GarbageKind;
import dev.orderservice.publish.OrderGenerator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A seeded stream of messages, mostly hostile, each with what the service must make of it: valid
 * orders (some at the edges of the contract), exact and reformatted duplicates, conflicting
 * versions of stored orders, every {@link GarbageKind}, noise and token soup, deep nesting, and
 * rare huge messages just under, at and over the size limit. The same seed gives the same stream.
 * Public for the decoder's own tests, which read the same stream without a service.
 */
public final class HostileMessages {

    /** What the service must do with a message. */
    public enum Expect { STORED, DUPLICATE, CONFLICT, TOO_LARGE, REJECTED }

    public record Message(byte[] payload, Expect expect, String orderUid, String label) {
    }

    /** nats-server's default max_payload is 1 MiB; leave room for headers. */
    static final int MAX_BROKER_PAYLOAD = 1_000_000;
    private static final List<GarbageKind> SMALL_GARBAGE = List.copyOf(
            EnumSet.complementOf(EnumSet.of(GarbageKind.OVERSIZED)));
    private static final String SOUP = "{}[]\":,0123456789.eE+-truefalsenull\\u \t\n\r";
    private static final long GARBAGE_BASE_INDEX = 1L << 40;

    private final SplittableRandom random;
    private final OrderGenerator orders;
    private final Garbage garbage = new Garbage();
    private final int maxMessageBytes;
    private final boolean huge;
    private final List<Message> stored = new ArrayList<>();
    private long index;

    /**
     * @param maxMessageBytes the service's limit (ORDERS_MAX_MESSAGE_BYTES)
     * @param huge            whether to send the rare huge messages (hundreds of kilobytes each)
     */
    public HostileMessages(long seed, int maxMessageBytes, boolean huge) {
        this.random = new SplittableRandom(seed);
        this.orders = new OrderGenerator(seed);
        this.maxMessageBytes = maxMessageBytes;
        this.huge = huge;
    }

    Iterator<Message> stream(int count) {
        return Stream.generate(this::next).limit(count).iterator();
    }

    public Message next() {
        int draw = random.nextInt(1000);
        long at = index++;
        if (draw < 300 || stored.isEmpty()) {
            return valid(at);
        }
        if (draw < 360) {
            Message original = pick();
            return new Message(original.payload(), Expect.DUPLICATE, original.orderUid(), "exact duplicate");
        }
        if (draw < 390) {
            return reformatted(pick());
        }
        if (draw < 430) {
            return conflict(pick(), at);
        }
        if (draw < 830) {
            GarbageKind kind = SMALL_GARBAGE.get(random.nextInt(SMALL_GARBAGE.size()));
            byte[] bytes = garbage.make(kind, orders.order(GARBAGE_BASE_INDEX + at), random);
            return new Message(bytes, Expect.REJECTED, null, kind.label());
        }
        if (draw < 995 || !huge) {
            return noise();
        }
        return hugeMessage(at);
    }

    private Message valid(long at) {
        ObjectNode tree = Json.mapper().valueToTree(orders.order(at));
        String label = random.nextInt(4) == 0 ? "valid " + ValidEdges.apply(tree, random) : "valid";
        Message message = new Message(bytes(tree), Expect.STORED, tree.get("order_uid").textValue(), label);
        stored.add(message);
        return message;
    }

    /** The same order with other whitespace and key order: the same canonical JSON, so a duplicate. */
    private Message reformatted(Message original) {
        ObjectNode tree = (ObjectNode) parse(original.payload());
        ObjectNode reversed = Json.mapper().createObjectNode();
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        for (int i = names.size() - 1; i >= 0; i--) {
            reversed.set(names.get(i), tree.get(names.get(i)));
        }
        byte[] pretty = reversed.toPrettyString().getBytes(StandardCharsets.UTF_8);
        return new Message(pretty, Expect.DUPLICATE, original.orderUid(), "reformatted duplicate");
    }

    /** A valid order with a stored order's id and other content: rejected as a conflict. */
    private Message conflict(Message original, long at) {
        ObjectNode tree = (ObjectNode) parse(original.payload());
        tree.put("customer_id", "conflict-" + at);
        return new Message(bytes(tree), Expect.CONFLICT, original.orderUid(), "conflict");
    }

    private Message noise() {
        return switch (random.nextInt(6)) {
            case 0 -> {
                byte[] bytes = new byte[random.nextInt(0, 4096)];
                random.nextBytes(bytes);
                yield new Message(bytes, Expect.REJECTED, null, "random bytes");
            }
            case 1 -> new Message(soup(random.nextInt(1, 2048)), Expect.REJECTED, null, "token soup");
            case 2 -> {
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                int depth = random.nextInt(17, maxMessageBytes / open.length());
                yield new Message(ascii(open.repeat(depth)), Expect.REJECTED, null, "deep nesting");
            }
            case 3 -> new Message(ascii(List.of("", " ", "null", "0", "\"\"", "[]", "{}", "{\"order_uid\":null}")
                    .get(random.nextInt(8))), Expect.REJECTED, null, "tiny value");
            case 4 -> prefixed(pick());
            default -> new Message(concat(pick().payload(), ascii(List.of("}", "]", "{}", ",", "x", "\u0000")
                    .get(random.nextInt(6)))), Expect.REJECTED, null, "order with trailing junk");
        };
    }

    /**
     * A stored order's bytes behind leading junk: not one JSON text. A UTF-8 byte-order mark is the
     * exception: RFC 8259 lets a parser ignore it, Jackson does, so that is the same order again.
     */
    private Message prefixed(Message original) {
        if (random.nextInt(5) == 0) {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            return new Message(concat(bom, original.payload()), Expect.DUPLICATE, original.orderUid(),
                    "duplicate after a byte-order mark");
        }
        byte[][] prefixes = {{(byte) 0xFE, (byte) 0xFF}, ascii("x"), {0}, ascii("{"), ascii("// a comment\n")};
        return new Message(concat(prefixes[random.nextInt(prefixes.length)], original.payload()), Expect.REJECTED,
                null, "order after junk");
    }

    /** Just under, exactly at and over the limit, and valid orders with hundreds of items. */
    private Message hugeMessage(long at) {
        return switch (random.nextInt(4)) {
            case 0 -> new Message(padded(random.nextInt(maxMessageBytes - 8192, maxMessageBytes + 1)),
                    Expect.REJECTED, null, "huge text under the limit");
            case 1 -> new Message(padded(random.nextInt(maxMessageBytes + 1, MAX_BROKER_PAYLOAD)),
                    Expect.TOO_LARGE, null, "over the limit");
            case 2 -> {
                StringBuilder items = new StringBuilder("{\"items\":[");
                int count = (maxMessageBytes - 64) / 2;
                items.append("0,".repeat(count - 1)).append("0]}");
                yield new Message(ascii(items.toString()), Expect.REJECTED, null, "huge array");
            }
            default -> {
                ObjectNode tree = ValidEdges.withItems(Json.mapper().valueToTree(orders.order(at)),
                        random.nextInt(500, 801));
                Message message = new Message(bytes(tree), Expect.STORED, tree.get("order_uid").textValue(),
                        "valid with hundreds of items");
                stored.add(message);
                yield message;
            }
        };
    }

    /** A JSON object of exactly {@code size} bytes: a string field padded past every text limit. */
    private static byte[] padded(int size) {
        String head = "{\"order_uid\":\"huge\",\"internal_signature\":\"";
        String tail = "\"}";
        return ascii(head + "x".repeat(size - head.length() - tail.length()) + tail);
    }

    private byte[] soup(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = SOUP.charAt(random.nextInt(SOUP.length()));
        }
        // a soup that happens to be an object can still not be an order: it lacks every field
        return new String(chars).getBytes(StandardCharsets.UTF_8);
    }

    private Message pick() {
        return stored.get(random.nextInt(stored.size()));
    }

    private static JsonNode parse(byte[] json) {
        try {
            return Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored messages are valid JSON", e);
        }
    }

    private static byte[] bytes(JsonNode tree) {
        try {
            return Json.mapper().writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
