package dev.orderservice.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.model.Order;
import dev.orderservice.validation.MessageDecoder;
import dev.orderservice.validation.RejectReason;
import dev.orderservice.validation.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EveryGarbageKindIsRejectedTest {

    private static final int SEEDS = 400;
    private static final int LIMIT_BYTES = 256 * 1024;
    /** Kinds that break the bytes, not the content: refused before validation. */
    private static final Set<GarbageKind> MALFORMED = EnumSet.of(GarbageKind.NOT_JSON, GarbageKind.TRUNCATED_JSON,
            GarbageKind.DUPLICATE_KEY, GarbageKind.DEEPLY_NESTED, GarbageKind.INVALID_UTF8, GarbageKind.OVERLONG_UTF8);

    private final MessageDecoder decoder = new MessageDecoder(LIMIT_BYTES);
    private final Garbage garbage = new Garbage();

    @ParameterizedTest
    @EnumSource(GarbageKind.class)
    void isRejectedForEverySeed(GarbageKind kind) {
        for (long seed = 0; seed < SEEDS; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Order base = new OrderGenerator(seed).order(seed * 31);
            byte[] message = garbage.make(kind, base, random);
            Verdict verdict = decoder.decode(message);
            assertThat(verdict).as("%s, seed %d: %s", kind, seed, preview(message)).isInstanceOf(Verdict.Rejected.class);
            RejectReason reason = ((Verdict.Rejected) verdict).reason();
            if (kind == GarbageKind.OVERSIZED) {
                assertThat(message.length).isGreaterThan(LIMIT_BYTES);
                assertThat(reason).isEqualTo(RejectReason.TOO_LARGE);
            } else if (MALFORMED.contains(kind)) {
                assertThat(reason).as("%s, seed %d", kind, seed).isEqualTo(RejectReason.MALFORMED_JSON);
            } else {
                assertThat(reason).as("%s, seed %d", kind, seed).isIn(RejectReason.MALFORMED_JSON, RejectReason.INVALID_ORDER);
                assertThat(message.length).isLessThan(LIMIT_BYTES);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(GarbageKind.class)
    void isTheSameForTheSameRandomState(GarbageKind kind) {
        Order base = new OrderGenerator(1).order(1);
        assertThat(garbage.make(kind, base, new SplittableRandom(5)))
                .isEqualTo(garbage.make(kind, base, new SplittableRandom(5)));
    }

    private static String preview(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
