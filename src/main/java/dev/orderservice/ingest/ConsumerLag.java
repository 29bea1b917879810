package dev.orderservice.ingest;

import dev.orderservice.logging.ExceptionLine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.ConsumerContext;
import io.nats.client.api.ConsumerInfo;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable consumer's backlog as gauges: messages not yet delivered, and delivered but not yet
 * acknowledged. The gauges are registered at start ({@link #bind}), so {@code /metrics} lists them
 * while the broker or the database is still being reached; once {@link #start}ed, the broker is
 * asked every {@link #POLL_EVERY} on a daemon thread and the gauges read the last answer, so a
 * scrape never waits on NATS. They are NaN until the first answer; while the broker cannot be
 * asked they keep the last known values, and {@code orders.consumer.info.age} says how old they are.
 */
public final class ConsumerLag {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLag.class);
    public static final Duration POLL_EVERY = Duration.ofSeconds(5);

    private volatile double pending = Double.NaN;
    private volatile double ackPending = Double.NaN;
    private volatile double redelivered = Double.NaN;
    private volatile long answeredAtNanos;
    private volatile boolean stopped;

    private ConsumerLag() {
    }

    /** Registers the gauges, NaN until {@link #start} has had the broker's first answer. */
    public static ConsumerLag bind(MeterRegistry registry) {
        ConsumerLag lag = new ConsumerLag();
        Gauge.builder("orders.consumer.pending", lag, l -> l.pending)
                .description("Messages in the stream not yet delivered to the consumer").register(registry);
        Gauge.builder("orders.consumer.ack.pending", lag, l -> l.ackPending)
                .description("Messages delivered but not yet acknowledged").register(registry);
        Gauge.builder("orders.consumer.redelivered", lag, l -> l.redelivered)
                .description("Messages the broker currently counts as redelivered and unacknowledged")
                .register(registry);
        Gauge.builder("orders.consumer.info.age", lag, ConsumerLag::ageSeconds).baseUnit("seconds")
                .description("Age of the consumer figures above").register(registry);
        return lag;
    }

    /** Starts polling the broker about this consumer, which it asks by name. */
    public void start(ConsumerContext consumer) {
        Thread.ofVirtual().name("consumer-lag").start(() -> poll(consumer));
    }

    private void poll(ConsumerContext consumer) {
        boolean failing = false;
        while (!stopped) {
            try {
                ConsumerInfo info = consumer.getConsumerInfo();
                pending = info.getNumPending();
                ackPending = info.getNumAckPending();
                redelivered = info.getRedelivered();
                answeredAtNanos = System.nanoTime();
                failing = false;
            } catch (Exception e) {
                if (!failing) {
                    LOG.warn("cannot read the consumer's backlog from NATS ({}); the lag gauges keep their last "
                            + "values", ExceptionLine.of(e));
                }
                failing = true;
            }
            try {
                Thread.sleep(POLL_EVERY);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public void stop() {
        stopped = true;
    }

    private double ageSeconds() {
        long at = answeredAtNanos;
        return at == 0 ? Double.NaN : (System.nanoTime() - at) / 1e9;
    }
}
