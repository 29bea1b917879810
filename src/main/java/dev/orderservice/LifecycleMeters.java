package dev.orderservice;

import dev.orderservice.store.ReadThroughs;
import dev.orderservice.store.RejectedRetention;
import dev.orderservice.store.StoredIds;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The meters of isolation and the data's lifecycle: lookups the id filter answered alone, lookups
 * refused at the read-through bound, the filter's size and false-positive rate, rejected rows and
 * payloads purged, orders erased. All bound at start, read from the parts' own counters.
 */
final class LifecycleMeters {

    private LifecycleMeters() {
    }

    static void bind(MeterRegistry registry, StoredIds ids, ReadThroughs readThroughs, RejectedRetention retention,
            AtomicLong erased) {
        FunctionCounter.builder("orders.read.throughs.refused", readThroughs, ReadThroughs::refused)
                .description("Lookups of uncached orders refused (503) because too many were reaching PostgreSQL")
                .register(registry);
        FunctionCounter.builder("orders.id.filter.answered.absent", ids, StoredIds::answeredAbsent)
                .description("Lookups the id filter answered as never stored, without a query").register(registry);
        Gauge.builder("orders.id.filter.ids", ids, StoredIds::approximateIds)
                .description("Stored order ids the filter holds (estimate)").register(registry);
        Gauge.builder("orders.id.filter.design.ids", ids, StoredIds::designIds)
                .description("Ids the filter is sized for; past it the filter is rebuilt twice as large")
                .register(registry);
        Gauge.builder("orders.id.filter.false.positive.ratio", ids, StoredIds::expectedFalsePositiveRate)
                .description("Chance that an id never stored still costs a query").register(registry);
        FunctionCounter.builder("orders.rejected.purged", retention, RejectedRetention::purgedRows)
                .description("Rejected messages deleted by retention").register(registry);
        FunctionCounter.builder("orders.rejected.payloads.purged", retention, RejectedRetention::purgedPayloads)
                .description("Full payloads of rejected messages dropped by retention").register(registry);
        FunctionCounter.builder("orders.erased", erased, AtomicLong::get)
                .description("Erased orders this instance held in its cache and dropped").register(registry);
    }
}
