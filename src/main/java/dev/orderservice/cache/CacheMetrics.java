package dev.orderservice.cache;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Exposes the cache's size, budget, hits, misses and warm-up progress as meters. */
public final class CacheMetrics {

    private CacheMetrics() {
    }

    public static void bind(MeterRegistry registry, OrderCache cache, CacheWarmer warmer) {
        Gauge.builder("orders.cache.entries", cache, OrderCache::size).description("Orders held in the cache")
                .register(registry);
        Gauge.builder("orders.cache.bytes", cache, OrderCache::usedBytes).baseUnit("bytes")
                .description("Weighed size of the cache").register(registry);
        Gauge.builder("orders.cache.max.bytes", cache, OrderCache::maxBytes).baseUnit("bytes")
                .description("Cache budget").register(registry);
        FunctionCounter.builder("orders.cache.hits", cache, OrderCache::hits)
                .description("Lookups answered from the cache").register(registry);
        FunctionCounter.builder("orders.cache.misses", cache, OrderCache::misses)
                .description("Lookups the cache could not answer").register(registry);
        Gauge.builder("orders.cache.warmed", warmer, CacheWarmer::warmedOrders)
                .description("Orders loaded by the start-up warm-up").register(registry);
        Gauge.builder("orders.cache.warmup.done", warmer, w -> w.isDone() ? 1 : 0)
                .description("1 once the start-up warm-up has finished").register(registry);
        Gauge.builder("orders.cache.warmup.duration", warmer, w -> w.elapsed().toNanos() / 1e9).baseUnit("seconds")
                .description("How long the warm-up ran (so far, while it runs)").register(registry);
    }
}
