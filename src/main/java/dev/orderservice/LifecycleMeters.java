package dev.orderservice;

import dev.orderservice.http.Admission;
import dev.orderservice.store.ReadThroughs;
import dev.orderservice.store.RejectedRetention;
import dev.orderservice.store.StoredIds;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * The meters of isolation and the data's lifecycle: requests refused by HTTP admission and at the
 * read-through bound ({@code orders.http.refused} by reason), lookups the id filter answered alone, the filter's size and false-positive rate, rejected rows and
 * payloads purged, orders erased. All bound at start, read from the parts' own counters.
 */
final class LifecycleMeters {

    private LifecycleMeters() {
    }

    static void bind(MeterRegistry registry, StoredIds ids, ReadThroughs readThroughs, RejectedRetention retention,
            AtomicLong erased, Admission admission) {
        refused(registry, "read_through", readThroughs, ReadThroughs::refused);
        for (Admission.Refusal reason : Admission.Refusal.values()) {
            refused(registry, reason.tag(), admission, a -> a.refused(reason));
        }
        FunctionCounter.builder("orders.http.connection.limit.reached", admission, Admission::connectionLimitReached)
                .description("Times the open HTTP connections reached ORDERS_HTTP_MAX_CONNECTIONS and new ones had to "
                        + "wait").register(registry);
        Gauge.builder("orders.http.connections", admission, Admission::connections)
                .description("Open HTTP connections (counted when ORDERS_HTTP_MAX_CONNECTIONS is set)").register(registry);
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

    /** One series of {@code orders.http.refused}: requests refused at once, by why. */
    private static <T> void refused(MeterRegistry registry, String reason, T source, ToDoubleFunction<T> count) {
        FunctionCounter.builder("orders.http.refused", source, count).tag("reason", reason)
                .description("Requests refused by admission (429 rate_limit, live_per_client; 503 live_full, "
                        + "read_through), by reason").register(registry);
    }
}
