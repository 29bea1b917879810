package dev.orderservice.cache;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;

/** Exposes the cache's size, budget, hits, misses and warm-up progress as meters. */
public final class CacheMetrics {

    private CacheMetrics() {
    }

    public static void bind(MeterRegistry registry, OrderCache cache, LongSupplier warmedOrders) {
        Gauge.builder("orders.cache.entries", cache, OrderCache::size).description("Orders held in the cache")
                .register(registry);
        Gauge.builder("orders.cache.bytes", cache, OrderCache::usedBytes).baseUnit("bytes")
                .description("Weighed size of the cache").register(registry);
        Gauge.builder("orders.cache.max.bytes", cache, OrderCache::maxBytes).baseUnit("bytes")
                .description("Cache budget").register(registry);
        FunctionCounter.builder("orders.cache.hits", cache, OrderCache::hits).register(registry);
        FunctionCounter.builder("orders.cache.misses", cache, OrderCache::misses).register(registry);
        Gauge.builder("orders.cache.warmed", warmedOrders, s -> s.getAsLong())
                .description("Orders loaded by the start-up warm-up").register(registry);
    }
}
