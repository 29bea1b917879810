package dev.orderservice.bench;

import dev.orderservice.model.Order;
import dev.orderservice.model.OrderJson;
import dev.orderservice.validation.DecodePaths;
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
 * Each decode is measured twice, as the service decodes (the one-pass reader first) and by the
 * tree alone (how it decoded before), on valid 3-item orders and on publish --invalid's garbage.
 * {@link DecodeCpu} compares the same pairs by CPU time, which a busy machine disturbs less.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeBenchmark {

    private static final int ORDERS = 1024;

    private final MessageDecoder decoder = new MessageDecoder(256 * 1024);
    private byte[][] messages;
    private byte[][] garbage;
    private Order[] orders;
    private int next;

    @Setup
    public void generate() {
        orders = DecodeCorpus.threeItemOrders(ORDERS, 7);
        messages = DecodeCorpus.messages(orders);
        garbage = DecodeCorpus.garbage(ORDERS, 7);
    }

    @Benchmark
    public Verdict decodeAndValidate() {
        return decoder.decode(messages[next++ & (ORDERS - 1)]);
    }

    @Benchmark
    public Verdict decodeAndValidateByTreeAlone() {
        return DecodePaths.byTreeAlone(decoder, messages[next++ & (ORDERS - 1)]);
    }

    @Benchmark
    public Verdict decodeGarbage() {
        return decoder.decode(garbage[next++ & (ORDERS - 1)]);
    }

    @Benchmark
    public Verdict decodeGarbageByTreeAlone() {
        return DecodePaths.byTreeAlone(decoder, garbage[next++ & (ORDERS - 1)]);
    }

    @Benchmark
    public byte[] serialise() {
        return OrderJson.write(orders[next++ & (ORDERS - 1)]);
    }
}
