package dev.orderservice.publish;

import dev.orderservice.model.Order;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * What a finished run sent, all acknowledged by JetStream. The valid orders are not kept: they are
 * {@code OrderGenerator(seed).order(0..validCount-1)}, regenerated on demand by
 * {@link #validOrders()}, so a report of millions of orders stays small.
 *
 * @param seed             the plan's seed
 * @param validCount       distinct valid orders sent
 * @param invalidCount     invalid messages sent
 * @param duplicateCount   re-sends of a valid order sent
 * @param invalidByKind    invalid messages sent, per kind (kinds not sent are absent)
 * @param brokerDuplicates messages JetStream acknowledged as duplicates of a recent Nats-Msg-Id and
 *                         did not store (only with {@link PublishPlan#dedupIds()}, or a replayed run)
 * @param elapsed          from the first send to the last acknowledgement
 */
public record PublishReport(
        long seed, long validCount, long invalidCount, long duplicateCount, Map<GarbageKind, Long> invalidByKind,
        long brokerDuplicates, Duration elapsed) {

    public PublishReport {
        invalidByKind = Collections.unmodifiableMap(invalidByKind.isEmpty()
                ? new EnumMap<>(GarbageKind.class) : new EnumMap<>(invalidByKind));
    }

    public long sent() {
        return validCount + invalidCount + duplicateCount;
    }

    /** Messages the stream holds from this run: those sent minus those the broker dropped as duplicates. */
    public long stored() {
        return sent() - brokerDuplicates;
    }

    public double messagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? sent() / seconds : 0;
    }

    /** The distinct valid orders sent, in sending order, regenerated from the seed. */
    public Stream<Order> validOrders() {
        OrderGenerator orders = new OrderGenerator(seed);
        return LongStream.range(0, validCount).mapToObj(orders::order);
    }

    public List<String> validOrderUids() {
        return validOrders().map(Order::orderUid).toList();
    }

    /** {@code published N messages (V valid, I invalid, D duplicates) in S s, R msg/s; seed X}. */
    public String summary() {
        String line = String.format(Locale.ROOT, "published %d messages (%d valid, %d invalid, %d duplicates) in %.2f s,"
                + " %.0f msg/s; seed %d", sent(), validCount, invalidCount, duplicateCount, elapsed.toNanos() / 1e9,
                messagesPerSecond(), seed);
        return brokerDuplicates == 0 ? line : line + "; " + brokerDuplicates + " dropped by the broker as duplicates";
    }
}
