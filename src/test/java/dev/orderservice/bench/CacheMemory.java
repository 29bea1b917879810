package dev.orderservice.bench;

import dev.orderservice.cache.OrderCache;
import dev.orderservice.model.OrderJson;
import dev.orderservice.publish.OrderGenerator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Heap cost of the real {@link OrderCache} per byte of the JSON it holds: the live heap after a
 * full collection, with the cache filled by {@code N} generated orders, minus the same with the
 * cache empty. Run by bench/run; prints {@code key value} lines it copies into its report.
 */
public final class CacheMemory {

    private static final long UNBOUNDED_BYTES = Long.MAX_VALUE / 2;

    private CacheMemory() {
    }

    public static void main(String[] args) {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        OrderGenerator generator = new OrderGenerator(42);
        OrderCache cache = new OrderCache(UNBOUNDED_BYTES);
        long before = liveHeap();
        long jsonBytes = 0;
        for (int i = 0; i < orders; i++) {
            var order = generator.order(i);
            byte[] json = OrderJson.write(order);
            jsonBytes += json.length;
            cache.put(order.orderUid(), json);
        }
        cache.settle();
        long after = liveHeap();
        if (cache.size() != orders) {
            throw new IllegalStateException("the cache holds " + cache.size() + " of " + orders + " orders");
        }
        long heap = after - before;
        System.out.printf(Locale.ROOT, "cache_orders %d%n", orders);
        System.out.printf(Locale.ROOT, "cache_json_bytes_avg %d%n", jsonBytes / orders);
        System.out.printf(Locale.ROOT, "cache_heap_bytes_per_order %d%n", heap / orders);
        System.out.printf(Locale.ROOT, "cache_weighed_bytes_per_order %d%n", cache.usedBytes() / orders);
        System.out.printf(Locale.ROOT, "heap_bytes_per_json_byte %.3f%n", (double) heap / jsonBytes);
        // keeps the cache reachable until after the second measurement
        System.out.printf(Locale.ROOT, "# %d entries%n", cache.size());
    }

    private static long liveHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
