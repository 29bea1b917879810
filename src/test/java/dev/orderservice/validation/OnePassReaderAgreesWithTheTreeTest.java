package dev.orderservice.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.hostile.HostileMessages;
import dev.orderservice.hostile.ValidEdges;
import dev.orderservice.json.Json;
import dev.orderservice.model.Order;
import dev.orderservice.model.OrderJson;
import dev.orderservice.publish.Garbage;
import dev.orderservice.publish.GarbageKind;
import dev.orderservice.publish.OrderGenerator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The one-pass reader changes what decoding costs, never what it decides: over every generator
 * of the project and hand-made edge cases, {@link MessageDecoder#decode} gives exactly the verdict
 * of the tree path alone (the same order, canonical bytes and hash; the same reason, detail and
 * order id), and the one-pass reader takes exactly the messages the tree accepts, as equal orders.
 */
class OnePassReaderAgreesWithTheTreeTest {

    private static final int LIMIT = 256 * 1024;
    private static final String INSERTED = " \t{}[]\",:0-.e\\u";
    private final MessageDecoder decoder = new MessageDecoder(LIMIT);

    @Test
    void hostileStreamsGetTheTreesVerdict() {
        Agreement agreement = new Agreement();
        for (long seed = 0; seed < 150; seed++) {
            HostileMessages messages = new HostileMessages(seed, LIMIT, seed % 10 == 0);
            for (int i = 0; i < 60; i++) {
                HostileMessages.Message m = messages.next();
                agreement.check(m.label() + " (seed " + seed + ")", m.payload());
            }
        }
        agreement.assertAgreed(3_500, 4_500);
    }

    @Test
    void everyKindOfGarbageGetsTheTreesVerdict() {
        Agreement agreement = new Agreement();
        Garbage garbage = new Garbage();
        OrderGenerator orders = new OrderGenerator(17);
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 150; i++) {
            for (GarbageKind kind : GarbageKind.values()) {
                agreement.check(kind.label() + " #" + i, garbage.make(kind, orders.order(i), random));
            }
        }
        agreement.assertAgreed(0, 150 * GarbageKind.values().length);
    }

    /** A byte changed, cut off or put in anywhere: mostly broken, sometimes still a (different) order. */
    @Test
    void damagedBytesGetTheTreesVerdict() {
        Agreement agreement = new Agreement();
        OrderGenerator orders = new OrderGenerator(23);
        SplittableRandom random = new SplittableRandom(23);
        for (int i = 0; i < 6_000; i++) {
            byte[] json = OrderJson.write(orders.order(i));
            int at = random.nextInt(json.length);
            byte[] damaged = switch (i % 3) {
                case 0 -> { byte[] copy = json.clone(); copy[at] = (byte) random.nextInt(256); yield copy; }
                case 1 -> Arrays.copyOf(json, at);
                default -> insert(json, at, (byte) INSERTED.charAt(random.nextInt(INSERTED.length())));
            };
            agreement.check("damaged #" + i + " at " + at, damaged);
        }
        agreement.assertAgreed(400, 5_000);
    }

    @Test
    void handMadeEdgeCasesGetTheTreesVerdict() {
        Agreement agreement = new Agreement();
        HandMadeMessages.all().forEach(m -> agreement.check(m.label(), m.payload()));
        agreement.assertAgreed(500, 1_500);
    }

    /** Valid orders at the edges, with their fields in any order and any layout: all read in one pass. */
    @Test
    void validOrdersInAnyFieldOrderAreReadInOnePass() throws JsonProcessingException {
        Agreement agreement = new Agreement();
        OrderGenerator orders = new OrderGenerator(29);
        SplittableRandom random = new SplittableRandom(29);
        for (int i = 0; i < 2_000; i++) {
            ObjectNode tree = Json.mapper().valueToTree(orders.order(i));
            String edge = i % 2 == 0 ? ValidEdges.apply(tree, random) : "generated";
            Order expected = ((Verdict.Accepted) decoder.decodeByTree(HandMadeMessages.bytes(tree))).order();
            JsonNode shuffled = shuffled(tree, random);
            byte[] payload = i % 3 == 0 ? shuffled.toPrettyString().getBytes(StandardCharsets.UTF_8)
                    : HandMadeMessages.bytes(shuffled);
            agreement.check(edge + ", fields shuffled, #" + i, payload);
            assertThat(OnePassReader.read(payload)).as("%s #%d", edge, i).isEqualTo(expected);
        }
        agreement.assertAgreed(2_000, 0);
    }

    private static JsonNode shuffled(JsonNode node, SplittableRandom random) {
        if (node.isArray()) {
            ArrayNode copy = Json.mapper().createArrayNode();
            node.forEach(element -> copy.add(shuffled(element, random)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (int i = names.size() - 1; i > 0; i--) {
            names.set(i, names.set(random.nextInt(i + 1), names.get(i)));
        }
        ObjectNode copy = Json.mapper().createObjectNode();
        names.forEach(name -> copy.set(name, shuffled(node.get(name), random)));
        return copy;
    }

    private static byte[] insert(byte[] bytes, int at, byte b) {
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 0, at);
        out[at] = b;
        System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
        return out;
    }

    /** Both paths over one corpus: every disagreement, with the message's label. */
    private final class Agreement {

        private final List<String> disagreements = new ArrayList<>();
        private int accepted;
        private int rejected;

        void check(String label, byte[] payload) {
            Verdict tree = decoder.decodeByTree(payload);
            String byTree = describe(tree);
            String decoded = describe(decoder.decode(payload));
            if (!decoded.equals(byTree)) {
                disagreements.add(label + ": decoded " + decoded + " but the tree alone " + byTree);
            }
            if (tree instanceof Verdict.Accepted) {
                accepted++;
            } else {
                rejected++;
            }
            if (payload.length <= LIMIT && Utf8.firstInvalid(payload) < 0) {
                onePass(label, payload, tree);
            }
        }

        /** The reader alone takes what the tree accepts, as the same order; where its parser fails, so does the tree's. */
        private void onePass(String label, byte[] payload, Verdict tree) {
            Order expected = tree instanceof Verdict.Accepted a ? a.order() : null;
            try {
                Order read = OnePassReader.read(payload);
                if (read == null ? expected != null : !read.equals(expected)) {
                    disagreements.add(label + ": one pass read " + read + " where the tree says " + describe(tree));
                }
            } catch (JsonProcessingException e) {
                if (!(tree instanceof Verdict.Rejected r && r.reason() == RejectReason.MALFORMED_JSON)) {
                    disagreements.add(label + ": one pass found no JSON (" + e.getOriginalMessage()
                            + ") where the tree says " + describe(tree));
                }
            }
        }

        /** No disagreement, over a corpus with at least as many acceptances and rejections as given. */
        void assertAgreed(int minAccepted, int minRejected) {
            assertThat(disagreements.subList(0, Math.min(20, disagreements.size())))
                    .as("the first of %d disagreements", disagreements.size()).isEmpty();
            assertThat(accepted).as("accepted").isGreaterThanOrEqualTo(minAccepted);
            assertThat(rejected).as("rejected").isGreaterThanOrEqualTo(minRejected);
        }

        private static String describe(Verdict verdict) {
            return switch (verdict) {
                case Verdict.Accepted a -> "accepted " + a.order() + " as "
                        + new String(a.json(), StandardCharsets.ISO_8859_1) + " hash "
                        + HexFormat.of().formatHex(a.contentHash());
                case Verdict.Rejected r -> "rejected " + r.reason() + " (" + r.detail() + ") uid " + r.orderUid();
            };
        }
    }
}
