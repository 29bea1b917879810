package dev.orderservice.bench;

import dev.orderservice.model.Order;
import dev.orderservice.model.OrderJson;
import dev.orderservice.publish.OrderGenerator;
import dev.orderservice.validation.MessageDecoder;
import dev.orderservice.validation.Verdict;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ingest's CPU per message: bounded parse, validation, canonical serialisation and its hash
 * ({@link MessageDecoder#decode}), and serialisation alone (what read-through and warm-up pay).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeBenchmark {

    private static final int ORDERS = 1024;

    private final MessageDecoder decoder = new MessageDecoder(256 * 1024);
    private byte[][] messages;
    private Order[] orders;
    private int next;

    @Setup
    public void generate() {
        OrderGenerator generator = new OrderGenerator(7);
        messages = new byte[ORDERS][];
        orders = new Order[ORDERS];
        for (int i = 0; i < ORDERS; i++) {
            orders[i] = generator.order(i);
            messages[i] = OrderJson.write(orders[i]);
        }
    }

    @Benchmark
    public Verdict decodeAndValidate() {
        return decoder.decode(messages[next++ & (ORDERS - 1)]);
    }

    @Benchmark
    public byte[] serialise() {
        return OrderJson.write(orders[next++ & (ORDERS - 1)]);
    }
}
