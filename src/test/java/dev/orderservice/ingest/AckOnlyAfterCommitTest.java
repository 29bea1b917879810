package dev.orderservice.ingest;

import static dev.orderservice.ingest.Batches.garbage;
import static dev.orderservice.ingest.Batches.order;
import static dev.orderservice.ingest.Batches.settlements;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A message is acked or terminated only once its batch committed; while the database is down, nak'd with a back-off. */
class AckOnlyAfterCommitTest {

    private final Batches batches = new Batches();

    @Test
    void aCommittedBatchAcksStoredAndDuplicateMessagesAndTerminatesRejectedOnes() throws Exception {
        var first = order("s/1", "o1");
        var copy = order("s/2", "o1");
        var bad = garbage("s/3");
        var second = order("s/4", "o2");

        batches.settler.settle(List.of(first, copy, bad, second));

        assertThat(settlements(first)).containsExactly("ack");
        assertThat(settlements(copy)).as("a duplicate is acked").containsExactly("ack");
        assertThat(settlements(bad)).as("a rejection is stored, then terminated").containsExactly("term");
        assertThat(settlements(second)).containsExactly("ack");
        assertThat(batches.writer.attempts()).containsExactly(List.of("s/1", "s/2", "s/3", "s/4"));
        assertThat(batches.cache.get("o1")).isNotNull();
        assertThat(batches.cache.get("o2")).isNotNull();
        assertThat(batches.count("orders.ingested")).isEqualTo(2);
        assertThat(batches.count("orders.duplicates")).isEqualTo(1);
        assertThat(batches.count("orders.rejected")).isEqualTo(1);
        assertThat(batches.registry.get("orders.batch.messages").summary().totalAmount()).isEqualTo(4);
        assertThat(batches.settler.isStoreHealthy()).isTrue();
    }

    @Test
    void acksThatNatsCannotTakeAreLeftToRedeliveryNeverTakenForAFailureToStore() throws Exception {
        var stored = order("s/1", "o1", Batches.MAX_DELIVERIES);
        var bad = garbage("s/2");
        ((DeliveredMessage) stored.message()).cutOff();
        ((DeliveredMessage) bad.message()).cutOff();

        batches.settler.settle(List.of(stored, bad));

        assertThat(batches.writer.attempts()).as("written once, not again one by one")
                .containsExactly(List.of("s/1", "s/2"));
        assertThat(settlements(stored)).containsExactly("refused ack");
        assertThat(settlements(bad)).containsExactly("refused term");
        assertThat(batches.count("orders.ingested")).isEqualTo(1);
        assertThat(batches.count("orders.rejected")).as("a stored order at its last delivery is not rejected")
                .isEqualTo(1);
        assertThat(batches.count("orders.store.failures")).isZero();
        assertThat(batches.settler.isStoreHealthy()).isTrue();
    }

    @Test
    void whileTheDatabaseIsUnavailableNothingIsAckedAndTheBackOffGrowsUntilACommit() throws Exception {
        batches.writer.thenDown().thenDown().thenUp().thenDown();
        var a = order("s/1", "o1");
        var b = garbage("s/2");

        batches.settler.settle(List.of(a, b));
        assertThat(batches.settler.isStoreHealthy()).as("readiness hears of the outage").isFalse();
        batches.settler.settle(List.of(a, b));

        assertThat(settlements(a)).containsExactly("nak 250 ms", "nak 500 ms");
        assertThat(settlements(b)).as("not even a rejection is settled before a commit")
                .containsExactly("nak 250 ms", "nak 500 ms");
        assertThat(batches.pauses).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(batches.cache.get("o1")).isNull();
        assertThat(batches.count("orders.store.failures")).isEqualTo(2);

        batches.settler.settle(List.of(a, b));
        assertThat(settlements(a)).endsWith("ack");
        assertThat(settlements(b)).endsWith("term");
        assertThat(batches.settler.isStoreHealthy()).isTrue();

        var c = order("s/3", "o3");
        batches.settler.settle(List.of(c));
        assertThat(settlements(c)).as("a commit resets the back-off").containsExactly("nak 250 ms");
    }

    @Test
    void theBackOffStopsGrowingAtItsMaximum() throws Exception {
        var a = order("s/1", "o1");
        for (int i = 0; i < 8; i++) {
            batches.writer.thenDown();
            batches.settler.settle(List.of(a));
        }
        assertThat(batches.pauses).startsWith(BatchSettler.BACKOFF_MIN).endsWith(BatchSettler.BACKOFF_MAX,
                BatchSettler.BACKOFF_MAX);
        assertThat(batches.pauses).allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(BatchSettler.BACKOFF_MAX));
    }
}
