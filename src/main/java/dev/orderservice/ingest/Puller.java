package dev.orderservice.ingest;

import dev.orderservice.logging.ExceptionLine;
import dev.orderservice.logging.OutageReport;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls batches from the durable consumer on a thread of its own, one batch ahead of ingest: while
 * the loop decodes a batch and waits for a writer, the next one is already being pulled, and once
 * it is pulled the thread waits for the loop to take it. So at most {@link #HELD_BATCHES} batches
 * are ever in hand here, each one pull of at most {@link IngestLoop#BATCH_MAX_BYTES}.
 *
 * <p>Why not jnats' prefetching {@code iterate}: it pulls again as messages arrive, not as they are
 * consumed, so while the writers wait (PostgreSQL slow or down) it keeps filling the heap until the
 * client drops messages as a slow consumer. A pull made only when there is room bounds memory for
 * real. A batch is one pull ({@link #PULL}).
 *
 * <p>While NATS is unreachable a pull cannot even be sent (jnats refuses it once its reconnect
 * buffer is full): the thread waits {@link IngestLoop#IDLE_POLL} and pulls again, saying so in one
 * line ({@link OutageReport}), so an outage of any length only pauses ingest.
 */
final class Puller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Puller.class);

    /** The batch handed over and waiting for the loop, and the one being pulled. */
    static final int HELD_BATCHES = 2;

    /**
     * What the stream holds now, up to the bounds, at once; when it holds nothing, the first
     * messages within {@link IngestLoop#IDLE_POLL}. The expiry also bounds the pull on the client's
     * side: a plain {@code no_wait} pull has none, and one the broker never ended would hang.
     */
    private static final FetchConsumeOptions PULL = FetchConsumeOptions.builder()
            .max((int) IngestLoop.BATCH_MAX_BYTES, IngestLoop.BATCH_MAX_MESSAGES)
            .noWaitExpiresIn(IngestLoop.IDLE_POLL.toMillis()).build();

    /** What the thread hands over: a batch, or why pulling ended. */
    sealed interface Pulled {
        record Batch(List<ConsumedMessage> messages) implements Pulled {
        }

        /** The broker said the consumer is gone: a status jnats raised, or an API error on the pull. */
        record Lost(Exception why) implements Pulled {
        }
    }

    private final ConsumerContext consumer;
    private final BlockingQueue<Pulled> handOver = new ArrayBlockingQueue<>(1);
    private final Thread thread;
    private volatile boolean closed;

    private Puller(ConsumerContext consumer) {
        this.consumer = consumer;
        this.thread = Thread.ofPlatform().name("ingest-pull").daemon().unstarted(this::run);
    }

    static Puller start(ConsumerContext consumer) {
        Puller puller = new Puller(consumer);
        puller.thread.start();
        return puller;
    }

    /** The next batch, a reason to stop, or null when nothing came within {@code timeout}. */
    Pulled next(Duration timeout) throws InterruptedException {
        return handOver.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        List<ConsumedMessage> inHand = List.of();
        OutageReport unreachable = new OutageReport();
        try {
            while (!closed) {
                try {
                    inHand = collect();
                } catch (JetStreamStatusCheckedException | JetStreamApiException e) {
                    handOver.put(new Pulled.Lost(e));
                    return;
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    if (unreachable.due()) {
                        LOG.warn("cannot pull from NATS ({}); pulling again every {} s", ExceptionLine.of(e),
                                IngestLoop.IDLE_POLL.toSeconds());
                    }
                    Thread.sleep(IngestLoop.IDLE_POLL.toMillis());
                    continue;
                }
                if (unreachable.over()) {
                    LOG.info("pulling from NATS again");
                }
                if (!inHand.isEmpty()) {
                    handOver.put(new Pulled.Batch(inHand));
                }
                inHand = List.of();
            }
        } catch (InterruptedException e) {
            // closed: a batch pulled but not handed over goes back at once
            inHand.forEach(message -> message.nakWithDelay(Duration.ZERO));
            Thread.currentThread().interrupt();
        }
    }

    /** One pull, read to its end: nothing is left pulled and unread between batches. */
    private List<ConsumedMessage> collect() throws Exception {
        List<ConsumedMessage> batch = new ArrayList<>();
        try (FetchConsumer pull = consumer.fetch(PULL)) {
            Message next;
            while ((next = pull.nextMessage()) != null) {
                batch.add(new JetStreamMessage(next));
            }
        }
        return batch;
    }

    /**
     * Stops pulling and hands back, at once rather than after the ack wait, what was pulled and
     * not taken.
     */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join();
        Pulled left = handOver.poll();
        if (left instanceof Pulled.Batch(List<ConsumedMessage> messages)) {
            messages.forEach(message -> message.nakWithDelay(Duration.ZERO));
        }
    }
}
