package dev.orderservice.ingest;

import dev.orderservice.store.BatchOutcome;
import dev.orderservice.validation.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Counts what ingest does, in Micrometer meters named {@code orders_*}. */
public final class IngestMetrics implements IngestObserver {

    private final Counter ingested;
    private final Counter duplicates;
    private final Counter redeliveries;
    private final Counter storeFailures;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final DistributionSummary batchSize;
    private final Timer commit;

    public IngestMetrics(MeterRegistry registry) {
        ingested = Counter.builder("orders.ingested").description("Orders stored for the first time")
                .register(registry);
        duplicates = Counter.builder("orders.duplicates").description("Messages whose order was already stored")
                .register(registry);
        redeliveries = Counter.builder("orders.redeliveries").description("Messages delivered more than once")
                .register(registry);
        storeFailures = Counter.builder("orders.store.failures").description("Batches that failed to commit")
                .register(registry);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder("orders.rejected").tag("reason", reason.code())
                    .description("Messages rejected, by reason").register(registry));
        }
        batchSize = DistributionSummary.builder("orders.batch.messages").description("Messages per batch")
                .register(registry);
        commit = Timer.builder("orders.batch.commit").description("Time to write and commit a batch")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    @Override
    public void committed(BatchOutcome outcome, int messages, long commitNanos) {
        ingested.increment(outcome.stored().size());
        duplicates.increment(outcome.duplicates());
        outcome.rejected().forEach((reason, count) -> rejected.get(reason).increment(count));
        batchSize.record(messages);
        commit.record(commitNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void storeFailed(Exception cause) {
        storeFailures.increment();
    }

    @Override
    public void redelivered(int messages) {
        redeliveries.increment(messages);
    }
}
