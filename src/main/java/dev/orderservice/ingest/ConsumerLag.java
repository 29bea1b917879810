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
 * acknowledged. The broker is asked every {@link #POLL_EVERY} on a daemon thread and the gauges
 * read the last answer, so a scrape never waits on NATS. Until the first answer, and while the
 * broker cannot be asked, the gauges keep the last known values; {@code orders.consumer.info.age}
 * says how old they are.
 */
public final class ConsumerLag implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLag.class);
    public static final Duration POLL_EVERY = Duration.ofSeconds(5);

    private final ConsumerContext consumer;
    private volatile long pending = -1;
    private volatile long ackPending = -1;
    private volatile long redelivered = -1;
    private volatile long answeredAtNanos;
    private volatile boolean stopped;

    private ConsumerLag(ConsumerContext consumer) {
        this.consumer = consumer;
    }

    /** Registers the gauges and starts polling; values are -1 until the broker first answers. */
    public static ConsumerLag start(ConsumerContext consumer, MeterRegistry registry) {
        ConsumerLag lag = new ConsumerLag(consumer);
        Gauge.builder("orders.consumer.pending", lag, l -> l.pending)
                .description("Messages in the stream not yet delivered to the consumer").register(registry);
        Gauge.builder("orders.consumer.ack.pending", lag, l -> l.ackPending)
                .description("Messages delivered but not yet acknowledged").register(registry);
        Gauge.builder("orders.consumer.redelivered", lag, l -> l.redelivered)
                .description("Messages the broker currently counts as redelivered and unacknowledged")
                .register(registry);
        Gauge.builder("orders.consumer.info.age", lag, ConsumerLag::ageSeconds).baseUnit("seconds")
                .description("Age of the consumer figures above").register(registry);
        Thread.ofVirtual().name("consumer-lag").start(lag);
        return lag;
    }

    @Override
    public void run() {
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
