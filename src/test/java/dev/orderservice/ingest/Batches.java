package dev.orderservice.ingest;

import dev.orderservice.cache.OrderCache;
import dev.orderservice.store.PendingMessage;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.validation.MessageDecoder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link BatchSettler} with everything it talks to in memory: the scripted writer, a real
 * cache, the real metrics on a simple registry, and back-off pauses recorded instead of slept.
 */
final class Batches {

    static final int MAX_DELIVERIES = 5;
    private static final MessageDecoder DECODER = new MessageDecoder(256 * 1024);

    final ScriptedWriter writer = new ScriptedWriter();
    final OrderCache cache = new OrderCache(1 << 20);
    final MeterRegistry registry = new SimpleMeterRegistry();
    final List<Duration> pauses = new ArrayList<>();
    final BatchSettler settler = new BatchSettler(writer, cache, new IngestMetrics(registry), MAX_DELIVERIES,
            pauses::add);

    /** A valid order's message, delivered this many times. */
    static InFlight order(String key, String orderUid, long deliveries) {
        return decoded(new DeliveredMessage(key, SampleOrders.bytes(SampleOrders.withUid(orderUid)), deliveries));
    }

    static InFlight order(String key, String orderUid) {
        return order(key, orderUid, 1);
    }

    /** A message that is not an order. */
    static InFlight garbage(String key) {
        return decoded(new DeliveredMessage(key, "not json".getBytes(StandardCharsets.UTF_8), 1));
    }

    private static InFlight decoded(DeliveredMessage message) {
        return new InFlight(message, new PendingMessage(message.key(), message.data(), DECODER.decode(message.data())));
    }

    static List<String> settlements(InFlight message) {
        return ((DeliveredMessage) message.message()).settlements();
    }

    double count(String counter) {
        return registry.get(counter).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
