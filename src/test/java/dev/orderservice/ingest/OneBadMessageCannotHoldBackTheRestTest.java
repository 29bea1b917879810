package dev.orderservice.ingest;

import static dev.orderservice.ingest.Batches.MAX_DELIVERIES;
import static dev.orderservice.ingest.Batches.garbage;
import static dev.orderservice.ingest.Batches.order;
import static dev.orderservice.ingest.Batches.settlements;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.validation.RejectReason;
import dev.orderservice.validation.Verdict;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A batch that fails for its data is written one message at a time; a message that fails alone is
 * redelivered until its last delivery, then stored as rejected and terminated (a poison message).
 */
class OneBadMessageCannotHoldBackTheRestTest {

    private static final String NAK_LATER = "nak " + BatchSettler.BACKOFF_MAX.toMillis() + " ms";
    private final Batches batches = new Batches();

    @Test
    void aBatchFailingForItsDataIsWrittenOneByOneAndTheBadMessageRetriedLater() throws Exception {
        var a = order("s/1", "o1");
        var poison = order("s/2", "o2", 1);
        var c = garbage("s/3");
        batches.writer.unstorable("s/2");

        batches.settler.settle(List.of(a, poison, c));

        assertThat(batches.writer.attempts()).containsExactly(List.of("s/1", "s/2", "s/3"), List.of("s/1"),
                List.of("s/2"), List.of("s/3"));
        assertThat(settlements(a)).containsExactly("ack");
        assertThat(settlements(poison)).containsExactly(NAK_LATER);
        assertThat(settlements(c)).containsExactly("term");
        assertThat(batches.cache.get("o1")).isNotNull();
        assertThat(batches.count("orders.store.failures")).as("the batch failed once").isEqualTo(1);
        assertThat(batches.settler.isStoreHealthy()).as("a data failure is no outage").isTrue();
    }

    @Test
    void aPoisonMessageIsRetriedUntilItsLastDeliveryThenStoredAsUnstorableAndTerminated() throws Exception {
        batches.writer.unstorable("s/2");
        for (long delivery = 1; delivery < MAX_DELIVERIES; delivery++) {
            var poison = order("s/2", "o2", delivery);
            batches.settler.settle(List.of(order("s/1", "o1"), poison));
            assertThat(settlements(poison)).as("delivery %d", delivery).containsExactly(NAK_LATER);
        }
        assertThat(batches.writer.rejections()).isEmpty();

        var last = order("s/2", "o2", MAX_DELIVERIES);
        batches.settler.settle(List.of(last));

        assertThat(settlements(last)).containsExactly("term");
        assertThat(batches.writer.rejections()).singleElement().satisfies(stored -> {
            assertThat(stored.messageKey()).isEqualTo("s/2");
            assertThat(stored.payload()).isEqualTo(last.pending().payload());
            var rejected = (Verdict.Rejected) stored.verdict();
            assertThat(rejected.reason()).isEqualTo(RejectReason.UNSTORABLE);
            assertThat(rejected.orderUid()).isEqualTo("o2");
            assertThat(rejected.detail()).startsWith("could not be stored after " + MAX_DELIVERIES + " deliveries: ")
                    .contains("value out of range in s/2");
        });
        assertThat(batches.cache.get("o2")).isNull();
        assertThat(batches.registry.get("orders.rejected").tag("reason", RejectReason.UNSTORABLE.code()).counter()
                .count()).isEqualTo(1);
    }

    @Test
    void aPoisonMessageWhoseRejectionCannotBeStoredEitherIsRetriedLater() throws Exception {
        var last = order("s/1", "o1", MAX_DELIVERIES);
        SQLException data = new SQLException("invalid byte sequence", ScriptedWriter.DATA_ERROR);
        batches.writer.then(Optional.of(data)).then(Optional.of(data)).then(Optional.of(data));

        batches.settler.settle(List.of(last));

        assertThat(batches.writer.attempts()).hasSize(3);
        assertThat(settlements(last)).containsExactly(NAK_LATER);
        assertThat(batches.writer.rejections()).isEmpty();
    }

    @Test
    void aDatabaseOutageWhileWritingOneByOneHoldsBackTheRestWithTheBackOff() throws Exception {
        var a = order("s/1", "o1");
        var b = order("s/2", "o2");
        var c = order("s/3", "o3");
        SQLException data = new SQLException("value out of range", ScriptedWriter.DATA_ERROR);
        batches.writer.then(Optional.of(data)).thenUp().thenDown();

        batches.settler.settle(List.of(a, b, c));

        assertThat(batches.writer.attempts()).containsExactly(List.of("s/1", "s/2", "s/3"), List.of("s/1"),
                List.of("s/2"));
        assertThat(settlements(a)).containsExactly("ack");
        assertThat(settlements(b)).containsExactly("nak 250 ms");
        assertThat(settlements(c)).as("not written at all").containsExactly("nak 250 ms");
        assertThat(batches.pauses).containsExactly(BatchSettler.BACKOFF_MIN);
        assertThat(batches.settler.isStoreHealthy()).isFalse();
    }

    @Test
    void messagesWrittenOneByOneAreMeteredAsTheOneMessageCommitsTheyAre() throws Exception {
        batches.writer.unstorable("s/2");
        batches.settler.settle(List.of(order("s/1", "o1"), order("s/2", "o2", MAX_DELIVERIES), garbage("s/3")));

        var messages = batches.registry.get("orders.batch.messages").summary();
        assertThat(messages.count()).as("three commits of one message: s/1, the rejection of s/2, s/3")
                .isEqualTo(3);
        assertThat(messages.totalAmount()).isEqualTo(3);
        assertThat(messages.max()).isEqualTo(1);
        Timer commit = batches.registry.get("orders.batch.commit").timer();
        assertThat(commit.count()).isEqualTo(3);
        assertThat(commit.totalTime(TimeUnit.MILLISECONDS)).as("each write takes a millisecond or more")
                .isGreaterThanOrEqualTo(3);
    }
}
