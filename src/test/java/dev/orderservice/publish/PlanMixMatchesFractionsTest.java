package dev.orderservice.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderservice.model.OrderJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanMixMatchesFractionsTest {

    @ParameterizedTest
    @CsvSource({"10000, 0.1, 0.05, 1", "10000, 0, 0, 2", "997, 0.33, 0.33, 3", "5000, 0.5, 0.5, 4", "1, 0, 1, 5",
            "10, 0, 1, 6", "3, 1, 0, 7", "20000, 0.02, 0.3, 8"})
    void countsComeOutExactlyAsPlanned(long count, double invalid, double duplicates, long seed) {
        PublishPlan plan = new PublishPlan(count, 0, invalid, duplicates, seed, false);
        Map<MessageKind, Long> counts = new EnumMap<>(MessageKind.class);
        new MessageSequence(plan, new Garbage()).forEachRemaining(m -> counts.merge(m.kind(), 1L, Long::sum));

        assertThat(counts.getOrDefault(MessageKind.INVALID, 0L)).isEqualTo(plan.invalidCount());
        assertThat(counts.getOrDefault(MessageKind.DUPLICATE, 0L)).isEqualTo(plan.duplicateCount());
        assertThat(counts.getOrDefault(MessageKind.VALID, 0L)).isEqualTo(plan.validCount());
        assertThat(plan.invalidCount()).isEqualTo(Math.round(count * invalid));
        assertThat(plan.duplicateCount()).isBetween(Math.round(count * duplicates) - 1, Math.round(count * duplicates));
        if (plan.duplicateCount() > 0) {
            assertThat(plan.validCount()).isPositive();
        }
    }

    @Test
    void duplicatesRepeatAnEarlierValidOrderByteForByte() {
        Map<String, byte[]> sent = new HashMap<>();
        PublishPlan plan = new PublishPlan(5000, 0, 0.1, 0.3, 11, false);
        new MessageSequence(plan, new Garbage()).forEachRemaining(m -> {
            switch (m.kind()) {
                case VALID -> assertThat(sent.put(m.orderUid(), m.payload())).as("a valid order is new").isNull();
                case DUPLICATE -> assertThat(sent.get(m.orderUid())).as("re-send of %s", m.orderUid())
                        .isEqualTo(m.payload());
                case INVALID -> assertThat(m.orderUid()).isNull();
            }
        });
        assertThat(sent).hasSize((int) plan.validCount());
    }

    @Test
    void validOrdersAreTheGeneratorsFirstOrdersInSequence() {
        PublishPlan plan = new PublishPlan(3000, 0, 0.2, 0.2, 12, false);
        OrderGenerator generator = new OrderGenerator(plan.seed());
        List<OutgoingMessage> valid = new ArrayList<>();
        new MessageSequence(plan, new Garbage()).forEachRemaining(m -> {
            if (m.kind() == MessageKind.VALID) {
                valid.add(m);
            }
        });
        for (int i = 0; i < valid.size(); i++) {
            assertThat(valid.get(i).validOrdinal()).isEqualTo(i);
            assertThat(valid.get(i).payload()).isEqualTo(OrderJson.write(generator.order(i)));
        }
    }

    @Test
    void garbageIsOfAssortedKindsAndNeverCarriesAValidOrdersUid() {
        PublishPlan plan = new PublishPlan(40_000, 0, 0.5, 0, 13, false);
        Set<String> validUids = new HashSet<>();
        Map<GarbageKind, Long> kinds = new EnumMap<>(GarbageKind.class);
        List<byte[]> garbage = new ArrayList<>();
        new MessageSequence(plan, new Garbage()).forEachRemaining(m -> {
            if (m.kind() == MessageKind.VALID) {
                validUids.add(m.orderUid());
            } else {
                kinds.merge(m.garbageKind(), 1L, Long::sum);
                garbage.add(m.payload());
            }
        });
        assertThat(kinds.keySet()).containsExactlyInAnyOrder(GarbageKind.values());
        assertThat(kinds.get(GarbageKind.OVERSIZED)).isLessThan(kinds.get(GarbageKind.NOT_JSON));
        for (byte[] payload : garbage) {
            String text = new String(payload, StandardCharsets.ISO_8859_1);
            validUids.stream().limit(50).forEach(uid -> assertThat(text).doesNotContain(uid));
        }
    }

    @Test
    void kindsTheBrokerCannotTakeAreLeftOut() {
        PublishPlan plan = new PublishPlan(20_000, 0, 1, 0, 14, false);
        var sequence = new MessageSequence(plan, new Garbage(), EnumSet.complementOf(
                EnumSet.of(GarbageKind.OVERSIZED)));
        sequence.forEachRemaining(m -> assertThat(m.garbageKind()).isNotEqualTo(GarbageKind.OVERSIZED));
    }

    @Test
    void impossiblePlansAreRefused() {
        assertThatThrownBy(() -> new PublishPlan(0, 0, 0, 0, 1, false)).hasMessageContaining("count");
        assertThatThrownBy(() -> new PublishPlan(10, -1, 0, 0, 1, false)).hasMessageContaining("rate");
        assertThatThrownBy(() -> new PublishPlan(10, 0, 1.5, 0, 1, false)).hasMessageContaining("invalid");
        assertThatThrownBy(() -> new PublishPlan(10, 0, 0, Double.NaN, 1, false)).hasMessageContaining("duplicates");
        assertThatThrownBy(() -> new PublishPlan(10, 0, 0.6, 0.6, 1, false)).hasMessageContaining("together");
    }
}
