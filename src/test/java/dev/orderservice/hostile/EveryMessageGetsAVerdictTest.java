package dev.orderservice.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.json.Json;
import dev.orderservice.model.OrderJson;
import dev.orderservice.publish.OrderGenerator;
import dev.orderservice.testing.JdkUtf8;
import dev.orderservice.validation.MessageDecoder;
import dev.orderservice.validation.RejectReason;
import dev.orderservice.validation.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The decoder and validator against generated input, without a broker or a database: whatever the
 * bytes, {@link MessageDecoder#decode} returns a verdict (never throws), a rejection always has a
 * reason and a detail, and the verdict is the one the message deserves.
 */
class EveryMessageGetsAVerdictTest {

    private static final int LIMIT = 256 * 1024;
    private final MessageDecoder decoder = new MessageDecoder(LIMIT);

    @Property(tries = 10_000)
    void anyBytesGetAVerdictWithAReason(@ForAll @Size(max = 4096) byte[] bytes) {
        Verdict verdict = wellFormed(decoder.decode(bytes));
        if (verdict instanceof Verdict.Accepted) {
            throw new AssertionError("random bytes were accepted as an order: " + new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Property(tries = 10_000)
    void damagedOrdersGetAVerdict(@ForAll("damagedOrders") byte[] bytes) {
        wellFormed(decoder.decode(bytes));
    }

    /** Any string in a text field: accepted exactly when it can be stored, and then served as it came. */
    @Property(tries = 5_000)
    void anyTextInAFieldIsKeptExactlyOrRefused(@ForAll @Size(max = 300) String text) throws Exception {
        ObjectNode order = Json.mapper().valueToTree(new OrderGenerator(7).order(text.length()));
        ((ObjectNode) order.get("delivery")).put("address", text);
        // escaped as \\uXXXX: Jackson refuses to write a lone surrogate as raw UTF-8
        byte[] bytes = Json.mapper().writer().with(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature())
                .writeValueAsBytes(order);
        Verdict verdict = wellFormed(decoder.decode(bytes));
        boolean storable = !text.isEmpty() && text.length() <= 255 && text.indexOf(0) < 0 && isWellFormedUtf16(text);
        assertThat(verdict).as("verdict for %s", text.codePoints().limit(20).boxed().toList())
                .isInstanceOf(storable ? Verdict.Accepted.class : Verdict.Rejected.class);
        if (verdict instanceof Verdict.Accepted accepted) {
            assertThat(accepted.order().delivery().address()).isEqualTo(text);
            assertThat(Json.parse(accepted.json()).get("delivery").get("address").textValue()).isEqualTo(text);
        }
    }

    /** Every message of the hostile stream gets the verdict the stream expects of it. */
    @Property(tries = 300)
    void hostileMessagesGetTheVerdictTheyDeserve(@ForAll long seed) {
        HostileMessages messages = new HostileMessages(seed, LIMIT, seed % 10 == 0);
        Map<String, byte[]> canonical = new HashMap<>();
        messages.stream(60).forEachRemaining(m -> {
            Verdict verdict = wellFormed(decoder.decode(m.payload()));
            String what = m.label() + " (seed " + seed + ")";
            switch (m.expect()) {
                case STORED -> canonical.put(m.orderUid(), accepted(verdict, what).json());
                case DUPLICATE -> assertThat(accepted(verdict, what).json()).as(what).isEqualTo(canonical.get(m.orderUid()));
                case CONFLICT -> assertThat(accepted(verdict, what).json()).as(what).isNotEqualTo(canonical.get(m.orderUid()));
                case TOO_LARGE -> assertThat(rejected(verdict, what).reason()).as(what).isEqualTo(RejectReason.TOO_LARGE);
                case REJECTED -> assertThat(rejected(verdict, what).reason()).as(what)
                        .isIn(RejectReason.MALFORMED_JSON, RejectReason.INVALID_ORDER);
            }
        });
    }

    /** Strict UTF-8 agrees with the JDK's decoder, which refuses overlong forms and surrogates too. */
    @Property(tries = 10_000)
    void onlyWellFormedUtf8IsParsed(@ForAll("nearlyUtf8") byte[] bytes) {
        Verdict verdict = decoder.decode(bytes);
        boolean jdkAccepts = JdkUtf8.accepts(bytes);
        if (!jdkAccepts) {
            assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
            assertThat(((Verdict.Rejected) verdict).detail()).startsWith("not UTF-8");
        } else if (verdict instanceof Verdict.Rejected rejected) {
            assertThat(rejected.detail()).doesNotStartWith("not UTF-8");
        }
    }

    @Provide
    Arbitrary<byte[]> damagedOrders() {
        Arbitrary<Long> index = Arbitraries.longs().between(0, 1_000_000);
        return index.flatMap(i -> {
            byte[] json = OrderJson.write(new OrderGenerator(3).order(i));
            Arbitrary<Integer> at = Arbitraries.integers().between(0, json.length - 1);
            Arbitrary<Byte> value = Arbitraries.bytes();
            return Arbitraries.oneOf(
                    at.flatMap(p -> value.map(b -> { byte[] copy = json.clone(); copy[p] = b; return copy; })),
                    at.map(p -> Arrays.copyOf(json, p)),
                    at.flatMap(p -> Arbitraries.strings().ofMaxLength(8).map(s -> splice(json, p, s))));
        });
    }

    /** Mostly multi-byte sequences, valid and not, inside a JSON string. */
    @Provide
    Arbitrary<byte[]> nearlyUtf8() {
        Arbitrary<Byte> highBytes = Arbitraries.integers().between(0x80, 0xFF).map(Integer::byteValue);
        Arbitrary<Byte> anyByte = Arbitraries.oneOf(highBytes, highBytes, Arbitraries.bytes());
        return anyByte.array(byte[].class).ofMinSize(1).ofMaxSize(12).map(inner -> {
            byte[] out = new byte[inner.length + 2];
            out[0] = '"';
            System.arraycopy(inner, 0, out, 1, inner.length);
            out[out.length - 1] = '"';
            return out;
        });
    }

    private static byte[] splice(byte[] json, int at, String text) {
        byte[] insert = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[json.length + insert.length];
        System.arraycopy(json, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(json, at, out, at + insert.length, json.length - at);
        return out;
    }

    private static Verdict wellFormed(Verdict verdict) {
        assertThat(verdict).isNotNull();
        if (verdict instanceof Verdict.Rejected rejected) {
            assertThat(rejected.reason()).isNotNull();
            assertThat(rejected.detail()).isNotBlank();
        } else {
            Verdict.Accepted accepted = (Verdict.Accepted) verdict;
            assertThat(accepted.json()).isNotEmpty();
            assertThat(accepted.contentHash()).hasSize(32);
        }
        return verdict;
    }

    private static Verdict.Accepted accepted(Verdict verdict, String what) {
        assertThat(verdict).as(what).isInstanceOf(Verdict.Accepted.class);
        return (Verdict.Accepted) verdict;
    }

    private static Verdict.Rejected rejected(Verdict verdict, String what) {
        assertThat(verdict).as(what).isInstanceOf(Verdict.Rejected.class);
        return (Verdict.Rejected) verdict;
    }

    private static boolean isWellFormedUtf16(String text) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(text);
    }
}
