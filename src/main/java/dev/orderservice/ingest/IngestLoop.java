package dev.orderservice.ingest;

import dev.orderservice.cache.OrderCache;
import dev.orderservice.logging.ExceptionLine;
import dev.orderservice.store.PendingMessage;
import dev.orderservice.validation.MessageDecoder;
import dev.orderservice.validation.Verdict;
import io.nats.client.ConsumerContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer: pulls messages in batches, decodes them, writes each batch in one transaction
 * and only then acknowledges it.
 *
 * <p>A pipeline, so PostgreSQL is never idle while messages are pulled, decoded or acked: the
 * {@link Puller} pulls the next batch and this thread decodes one while up to {@link #WRITERS}
 * earlier batches are written,
 * each on its own connection and writer thread, which acks that batch after its commit. Batches
 * may therefore commit out of stream order, except that a batch holding an order of a batch still
 * being written waits for it ({@link #awaitEarlierCopies}), so that of two variants of one order
 * the one published first is kept. Nothing else depends on that order (acks are per message,
 * writes are idempotent, and the writer runs again a batch that PostgreSQL aborted because it
 * deadlocked with another one over copies of the same orders).
 *
 * <p>Memory is bounded in bytes as well as in messages: each batch is one pull of at most
 * {@link #BATCH_MAX_BYTES}, and the {@link Puller} pulls only one batch ahead of the loop, so
 * ingest holds at most {@link #HELD_BYTES_MAX} of messages, however large they are and however
 * slow PostgreSQL is.
 *
 * <p>Invariants, kept by {@link BatchSettler}: a message is acked (or terminated, when rejected)
 * only after the transaction that recorded it has committed. A crash at any point therefore means a
 * redelivery, never a loss, and the idempotent writer turns the redelivery into a no-op. When the
 * database is unavailable the batch is negatively acknowledged with a back-off and retried, never
 * acked early. A batch that fails for its data is written one by one; a message that fails alone
 * is stored as rejected once it has been delivered {@code maxDeliveries} times.
 *
 * <p>Ingest never stops silently: when the durable consumer is gone (deleted, or its stream), the
 * loop reports not consuming, creates what is missing as at start and consumes again. A consumer
 * the service creates delivers the stream from its start, so what was stored counts as duplicates.
 */
public final class IngestLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);

    public static final int BATCH_MAX_MESSAGES = 1000;
    /**
     * Batches written at once, each in its own transaction: two keep PostgreSQL busy while one
     * commits, and leave pool connections for reads.
     */
    public static final int WRITERS = 2;
    /**
     * One pull asks for at most this many bytes (the broker counts whole messages, so a batch never
     * exceeds it); several of the largest messages the stream takes, since a pull smaller than a
     * message is never served.
     */
    public static final long BATCH_MAX_BYTES = 4 * StreamSetup.STREAM_MAX_MESSAGE_BYTES;
    /**
     * The most message bytes ingest holds at once: the {@link Puller}'s batches, the one being
     * decoded (or waiting for a writer) and the {@link #WRITERS} being written, each at most one
     * pull (the bound leaves room for one more message each). Decoding adds at most the canonical JSON of the valid messages, each
     * limited to ORDERS_MAX_MESSAGE_BYTES.
     */
    public static final long HELD_BYTES_MAX = (Puller.HELD_BATCHES + 1 + WRITERS)
            * (BATCH_MAX_BYTES + StreamSetup.STREAM_MAX_MESSAGE_BYTES);
    /** How long a pull waits when the stream has nothing (the broker answers at once otherwise). */
    static final Duration IDLE_POLL = Duration.ofSeconds(1);
    /** How long without a message before the broker is asked whether the consumer is still there. */
    static final Duration CONSUMER_CHECK_EVERY = Duration.ofSeconds(5);
    private static final Duration STOP_WRITES_TIMEOUT = Duration.ofSeconds(15);

    private final DurableConsumer consumer;
    private final MessageDecoder decoder;
    private final BatchSettler settler;
    private final IngestObserver observer;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS,
            Thread.ofPlatform().name("ingest-writer-", 1).factory());
    /** A permit per batch being written; the decoder waits for one, which bounds memory. */
    private final Semaphore writing = new Semaphore(WRITERS);
    /** A batch handed to a writer: its orders' ids, and done once it is settled. */
    private record Writing(Set<String> uids, CountDownLatch done) {
    }

    /** The batches being written now, at most {@link #WRITERS}. */
    private final Queue<Writing> beingWritten = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;
    private volatile boolean consuming;

    public IngestLoop(DurableConsumer consumer, MessageDecoder decoder, BatchWriter writer, OrderCache cache,
            IngestObserver observer, int maxDeliveries) {
        this.consumer = consumer;
        this.decoder = decoder;
        this.settler = new BatchSettler(writer, cache, observer, maxDeliveries, Thread::sleep);
        this.observer = observer;
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                Optional<String> lost;
                ConsumerContext messages = consumer.open(() -> stopping);
                if (messages == null) {
                    break;
                }
                try {
                    consuming = true;
                    lost = consume(messages);
                } finally {
                    consuming = false;
                }
                if (lost.isEmpty()) {
                    break;
                }
                consumer.lost(lost.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("the consumer stopped unexpectedly: {}", ExceptionLine.of(e), e);
        } finally {
            writers.shutdownNow();
            finished.countDown();
        }
    }

    /**
     * Collects, decodes and hands batches to the writers until the loop is stopping (empty) or the
     * consumer is gone (why). jnats reports some deletions; the others are found by asking the
     * broker after {@link #CONSUMER_CHECK_EVERY} without a message (see {@link DurableConsumer}).
     */
    private Optional<String> consume(ConsumerContext messages) throws Exception {
        try (Puller puller = Puller.start(messages)) {
            long quietSince = System.nanoTime();
            while (!stopping) {
                switch (puller.next(IDLE_POLL)) {
                    case Puller.Pulled.Batch(List<ConsumedMessage> batch) -> {
                        List<InFlight> decoded = decode(batch);
                        Set<String> uids = orderUids(decoded);
                        awaitEarlierCopies(uids);
                        writing.acquire();
                        Writing handle = new Writing(uids, new CountDownLatch(1));
                        beingWritten.add(handle);
                        writers.execute(() -> {
                            try {
                                write(decoded);
                            } finally {
                                beingWritten.remove(handle);
                                handle.done().countDown();
                            }
                        });
                        quietSince = System.nanoTime();
                    }
                    case Puller.Pulled.Lost(Exception e) -> {
                        return Optional.of(ExceptionLine.of(e.getCause() != null ? e.getCause() : e));
                    }
                    case null -> {
                        if (System.nanoTime() - quietSince > CONSUMER_CHECK_EVERY.toNanos()) {
                            Optional<String> gone = consumer.gone();
                            if (gone.isPresent()) {
                                return gone;
                            }
                            quietSince = System.nanoTime();
                        }
                    }
                }
            }
        } finally {
            if (stopping) {
                awaitWriters();
            }
        }
        return Optional.empty();
    }

    /** The ids of the valid orders of a batch. */
    private static Set<String> orderUids(List<InFlight> batch) {
        Set<String> uids = new HashSet<>();
        for (InFlight message : batch) {
            if (message.pending().verdict() instanceof Verdict.Accepted accepted) {
                uids.add(accepted.orderUid());
            }
        }
        return uids;
    }

    /**
     * Waits until no batch being written holds one of these ids: copies of an order then commit in
     * stream order, so the one published first is the one kept and a later variant is the
     * conflict, even with two writers. Copies in flight at once are rare (re-sends), so this
     * seldom waits. Only the loop's thread dispatches batches, so nothing is added meanwhile.
     */
    private void awaitEarlierCopies(Set<String> uids) throws InterruptedException {
        for (Writing earlier : beingWritten) {
            if (!Collections.disjoint(earlier.uids(), uids)) {
                earlier.done().await();
            }
        }
    }

    /** Lets the batches being written commit and be acked before the consumer goes away. */
    private void awaitWriters() throws InterruptedException {
        writers.shutdown();
        if (!writers.awaitTermination(STOP_WRITES_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("batches still being written after {} s; their messages will be redelivered",
                    STOP_WRITES_TIMEOUT.toSeconds());
        }
    }

    /** Stops fetching, lets the batch in flight commit and be acked, and waits for that. */
    public void stop(Duration timeout) throws InterruptedException {
        stopping = true;
        if (!finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("the batch in flight did not finish within {} s; its messages will be redelivered",
                    timeout.toSeconds());
        }
    }

    /**
     * True while messages are pulled through a consumer the broker has: false until it is first
     * opened, from when it is found gone until it is open again, and once the loop has stopped.
     * Readiness reports it rather than answering ready while nothing is ingested.
     */
    public boolean isConsuming() {
        return consuming;
    }

    /** False while the database refuses writes; readiness reports it. */
    public boolean isStoreHealthy() {
        return settler.isStoreHealthy();
    }

    private List<InFlight> decode(List<ConsumedMessage> batch) {
        List<InFlight> decoded = new ArrayList<>(batch.size());
        int redelivered = 0;
        for (ConsumedMessage message : batch) {
            byte[] data = message.data();
            decoded.add(new InFlight(message, new PendingMessage(message.key(), data, decoder.decode(data))));
            if (message.deliveredCount() > 1) {
                redelivered++;
            }
        }
        if (redelivered > 0) {
            observer.redelivered(redelivered);
        }
        return decoded;
    }

    /** A writer thread's task: one batch, committed then acked, or held back for redelivery. */
    private void write(List<InFlight> batch) {
        try {
            settler.settle(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the batch stays unacked and is redelivered after the ack wait
            LOG.error("a batch of {} messages failed unexpectedly: {}", batch.size(), ExceptionLine.of(e), e);
        } finally {
            writing.release();
        }
    }
}
