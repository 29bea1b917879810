package dev.orderservice.bench;

import dev.orderservice.cache.OrderCache;
import dev.orderservice.model.OrderJson;
import dev.orderservice.publish.OrderGenerator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/** The cache half of a GET hit: one lookup among 100k orders, from two threads as on two cores. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
public class CacheLookupBenchmark {

    private static final int ORDERS = 1 << 17;

    private final OrderCache cache = new OrderCache(1L << 30);
    private String[] ids;

    @Setup
    public void fill() {
        OrderGenerator generator = new OrderGenerator(7);
        ids = new String[ORDERS];
        for (int i = 0; i < ORDERS; i++) {
            var order = generator.order(i);
            ids[i] = order.orderUid();
            cache.put(ids[i], OrderJson.write(order));
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public byte[] hit(Cursor cursor) {
        return cache.get(ids[cursor.next++ & (ORDERS - 1)]);
    }
}
