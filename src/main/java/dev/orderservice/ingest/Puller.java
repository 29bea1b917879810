package dev.orderservice.ingest;

import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Pulls batches from the durable consumer on a thread of its own, one batch ahead of ingest: while
 * the loop decodes a batch and waits for a writer, the next one is already being pulled, and once
 * it is pulled the thread waits for the loop to take it. So at most {@link #HELD_BATCHES} batches
 * are ever in hand here, each one pull of at most {@link IngestLoop#BATCH_MAX_BYTES} (plus, after a
 * quiet spell, one message).
 *
 * <p>Why not jnats' prefetching {@code iterate}: it pulls again as messages arrive, not as they are
 * consumed, so while the writers wait (PostgreSQL slow or down) it keeps filling the heap until the
 * client drops messages as a slow consumer. A pull made only when there is room bounds memory for
 * real. A batch is a pull of what the stream holds now ({@code no_wait}); when it holds nothing, a
 * pull that waits up to {@link IngestLoop#IDLE_POLL} for one message, then one for what came with it.
 */
final class Puller implements AutoCloseable {

    /** The batch handed over and waiting for the loop, and the one being pulled. */
    static final int HELD_BATCHES = 2;

    private static final FetchConsumeOptions WHAT_IS_THERE = FetchConsumeOptions.builder()
            .max((int) IngestLoop.BATCH_MAX_BYTES, IngestLoop.BATCH_MAX_MESSAGES).noWait().build();
    private static final FetchConsumeOptions FIRST_TO_COME = FetchConsumeOptions.builder()
            .maxMessages(1).expiresIn(IngestLoop.IDLE_POLL.toMillis()).build();
    private static final FetchConsumeOptions WHAT_CAME_WITH_IT = FetchConsumeOptions.builder()
            .max((int) IngestLoop.BATCH_MAX_BYTES, IngestLoop.BATCH_MAX_MESSAGES - 1).noWait().build();

    /** What the thread hands over: a batch, or why pulling ended. */
    sealed interface Pulled {
        record Batch(List<ConsumedMessage> messages) implements Pulled {
        }

        /** The broker said the consumer is gone (a status jnats raised). */
        record Lost(JetStreamStatusCheckedException why) implements Pulled {
        }

        record Failed(Exception cause) implements Pulled {
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
        try {
            try {
                while (!closed) {
                    inHand = collect();
                    if (!inHand.isEmpty()) {
                        handOver.put(new Pulled.Batch(inHand));
                    }
                    inHand = List.of();
                }
            } catch (JetStreamStatusCheckedException e) {
                handOver.put(new Pulled.Lost(e));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                handOver.put(new Pulled.Failed(e));
            }
        } catch (InterruptedException e) {
            // closed: a batch pulled but not handed over goes back at once
            inHand.forEach(message -> message.nakWithDelay(Duration.ZERO));
            Thread.currentThread().interrupt();
        }
    }

    private List<ConsumedMessage> collect() throws Exception {
        List<ConsumedMessage> batch = new ArrayList<>();
        pull(WHAT_IS_THERE, batch);
        if (batch.isEmpty()) {
            pull(FIRST_TO_COME, batch);
            if (!batch.isEmpty()) {
                pull(WHAT_CAME_WITH_IT, batch);
            }
        }
        return batch;
    }

    /** One pull, read to its end: nothing is left pulled and unread between batches. */
    private void pull(FetchConsumeOptions options, List<ConsumedMessage> batch) throws Exception {
        try (FetchConsumer pull = consumer.fetch(options)) {
            Message next;
            while ((next = pull.nextMessage()) != null) {
                batch.add(new JetStreamMessage(next));
            }
        }
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
