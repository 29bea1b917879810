package dev.orderservice.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link StoredIds}: no false negatives once complete, a bounded false-positive rate, a rebuild past its size. */
class IdFilterNeverForgetsAStoredIdTest {

    @Test
    void answersNothingFromTheFilterUntilTheFirstScanIsComplete() {
        StoredIds ids = new StoredIds();
        assertThat(ids.mightBeStored("never")).isTrue();
        ids.markComplete();
        assertThat(ids.mightBeStored("never")).isFalse();
        assertThat(ids.answeredAbsent()).isEqualTo(1);
    }

    @Test
    void everyAddedIdMightBeStoredAndFewOthersDo() {
        StoredIds ids = new StoredIds();
        ids.markComplete();
        IntStream.range(0, 50_000).forEach(i -> ids.add("stored-" + i));
        assertThat(IntStream.range(0, 50_000).allMatch(i -> ids.mightBeStored("stored-" + i))).isTrue();
        long falsePositives = IntStream.range(0, 100_000).filter(i -> ids.mightBeStored("unknown-" + i)).count();
        assertThat(falsePositives).isLessThan((long) (100_000 * StoredIds.FALSE_POSITIVE_RATE));
        assertThat(ids.expectedFalsePositiveRate()).isLessThan(StoredIds.FALSE_POSITIVE_RATE);
    }

    @Test
    void aRebuildKeepsEveryIdAddedBeforeAndDuringIt() {
        StoredIds ids = new StoredIds();
        ids.markComplete();
        IntStream.range(0, 1_100_000).forEach(i -> ids.add("o" + i));
        assertThat(ids.outgrown()).isTrue();
        ids.startRebuild();
        IntStream.range(0, 1_100_000).forEach(i -> ids.addScanned("o" + i));
        ids.add("during");
        ids.finishRebuild();
        assertThat(ids.designIds()).isGreaterThan(StoredIds.MIN_DESIGN_IDS);
        assertThat(ids.outgrown()).isFalse();
        assertThat(ids.mightBeStored("during")).isTrue();
        assertThat(IntStream.range(0, 1_100_000).allMatch(i -> ids.mightBeStored("o" + i))).isTrue();
        assertThat(ids.expectedFalsePositiveRate()).isLessThan(StoredIds.FALSE_POSITIVE_RATE);
    }
}
