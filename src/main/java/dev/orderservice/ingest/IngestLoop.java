package dev.orderservice.ingest;

import dev.orderservice.cache.OrderCache;
import dev.orderservice.store.BatchOutcome;
import dev.orderservice.store.OrderWriter;
import dev.orderservice.store.PendingMessage;
import dev.orderservice.validation.MessageDecoder;
import dev.orderservice.validation.RejectReason;
import dev.orderservice.validation.Verdict;
import io.nats.client.ConsumeOptions;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer: pulls messages in batches, decodes them, writes each batch in one transaction
 * and only then acknowledges it.
 *
 * <p>A pipeline, so PostgreSQL is never idle while messages are decoded or acked: this thread
 * collects and decodes the next batch while up to {@link #WRITERS} earlier batches are written,
 * each on its own connection and writer thread, which acks that batch after its commit. Batches
 * may therefore commit out of stream order; nothing depends on that order (acks are per message,
 * writes are idempotent, and the writer runs again a batch that PostgreSQL aborted because it
 * deadlocked with another one over copies of the same orders).
 *
 * <p>Invariant: a message is acked (or terminated, when rejected) only after the transaction that
 * recorded it has committed. A crash at any point therefore means a redelivery, never a loss, and
 * the idempotent writer turns the redelivery into a no-op. When the database is unavailable the
 * batch is negatively acknowledged with a back-off and retried, never acked early.
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
    /** Messages the client keeps pulled ahead of the batch being written. */
    static final int PREFETCH_MESSAGES = 2 * BATCH_MAX_MESSAGES;
    /** How long a started batch waits for more messages before it is written anyway. */
    static final Duration LINGER = Duration.ofMillis(5);
    static final Duration IDLE_POLL = Duration.ofMillis(500);
    static final Duration BACKOFF_MIN = Duration.ofMillis(250);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(10);
    /** How long without a message before the broker is asked whether the consumer is still there. */
    static final Duration CONSUMER_CHECK_EVERY = Duration.ofSeconds(5);
    private static final ConsumeOptions CONSUME_OPTIONS = ConsumeOptions.builder().batchSize(PREFETCH_MESSAGES)
            .build();
    private static final Duration STOP_WRITES_TIMEOUT = Duration.ofSeconds(15);

    private final DurableConsumer consumer;
    private final MessageDecoder decoder;
    private final OrderWriter writer;
    private final OrderCache cache;
    private final IngestObserver observer;
    private final int maxDeliveries;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS,
            Thread.ofPlatform().name("ingest-writer-", 1).factory());
    /** A permit per batch being written; the decoder waits for one, which bounds memory. */
    private final Semaphore writing = new Semaphore(WRITERS);
    private volatile boolean stopping;
    private volatile boolean consuming;
    /** Flipped by compare-and-set, so of two writers failing at once only one logs the outage. */
    private final AtomicBoolean storeHealthy = new AtomicBoolean(true);
    /** The current back-off while PostgreSQL is unavailable; writers share it. */
    private volatile Duration backoff = BACKOFF_MIN;

    public IngestLoop(DurableConsumer consumer, MessageDecoder decoder, OrderWriter writer, OrderCache cache,
            IngestObserver observer, int maxDeliveries) {
        this.consumer = consumer;
        this.decoder = decoder;
        this.writer = writer;
        this.cache = cache;
        this.observer = observer;
        this.maxDeliveries = maxDeliveries;
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                Optional<String> lost;
                try (IterableConsumer messages = consumer.open(CONSUME_OPTIONS, () -> stopping)) {
                    if (messages == null) {
                        break;
                    }
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
            LOG.error("the consumer stopped unexpectedly: {}", Failures.describe(e), e);
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
    private Optional<String> consume(IterableConsumer messages) throws Exception {
        long quietSince = System.nanoTime();
        while (!stopping) {
            List<Message> batch;
            try {
                batch = collect(messages);
            } catch (JetStreamStatusCheckedException e) {
                return Optional.of(Failures.describe(e.getCause() != null ? e.getCause() : e));
            }
            if (!batch.isEmpty()) {
                List<PendingMessage> pending = decode(batch);
                writing.acquire();
                writers.execute(() -> write(batch, pending));
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > CONSUMER_CHECK_EVERY.toNanos()) {
                Optional<String> gone = consumer.gone();
                if (gone.isPresent()) {
                    return gone;
                }
                quietSince = System.nanoTime();
            }
        }
        messages.stop();
        awaitWriters();
        releaseUnprocessed(messages);
        return Optional.empty();
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
        return storeHealthy.get();
    }

    private List<Message> collect(IterableConsumer messages)
            throws InterruptedException, JetStreamStatusCheckedException {
        Message first = messages.nextMessage(IDLE_POLL);
        if (first == null) {
            return List.of();
        }
        List<Message> batch = new ArrayList<>(BATCH_MAX_MESSAGES);
        batch.add(first);
        while (batch.size() < BATCH_MAX_MESSAGES) {
            Message next = messages.nextMessage(LINGER);
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    private List<PendingMessage> decode(List<Message> batch) {
        List<PendingMessage> pending = new ArrayList<>(batch.size());
        int redelivered = 0;
        for (Message message : batch) {
            pending.add(new PendingMessage(MessageKeys.of(message), message.getData(),
                    decoder.decode(message.getData())));
            if (message.metaData().deliveredCount() > 1) {
                redelivered++;
            }
        }
        if (redelivered > 0) {
            observer.redelivered(redelivered);
        }
        return pending;
    }

    /** A writer thread's task: one batch, committed then acked, or held back for redelivery. */
    private void write(List<Message> batch, List<PendingMessage> pending) {
        try {
            store(batch, pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the batch stays unacked and is redelivered after the ack wait
            LOG.error("a batch of {} messages failed unexpectedly: {}", batch.size(), Failures.describe(e), e);
        } finally {
            writing.release();
        }
    }

    private void store(List<Message> batch, List<PendingMessage> pending) throws InterruptedException {
        try {
            long start = System.nanoTime();
            BatchOutcome outcome = writer.write(pending);
            afterCommit(batch, pending, outcome, System.nanoTime() - start);
            recovered();
        } catch (SQLException | RuntimeException e) {
            observer.storeFailed(e);
            if (Failures.isDatabaseUnavailable(e)) {
                databaseUnavailable(batch, e);
            } else {
                LOG.warn("a batch of {} messages failed to store ({}); storing them one by one", batch.size(),
                        Failures.describe(e));
                isolate(batch, pending);
            }
        }
    }

    private void afterCommit(List<Message> batch, List<PendingMessage> pending, BatchOutcome outcome, long nanos) {
        for (Verdict.Accepted stored : outcome.stored()) {
            cache.put(stored.orderUid(), stored.json());
        }
        for (int i = 0; i < batch.size(); i++) {
            if (outcome.rejectedKeys().contains(pending.get(i).messageKey())) {
                batch.get(i).term();
            } else {
                batch.get(i).ack();
            }
        }
        observer.committed(outcome, batch.size(), nanos);
    }

    private void databaseUnavailable(List<Message> batch, Exception e) throws InterruptedException {
        if (storeHealthy.compareAndSet(true, false)) {
            LOG.warn("PostgreSQL is unavailable ({}); holding {} messages and retrying with back-off",
                    Failures.describe(e), batch.size());
        }
        for (Message message : batch) {
            message.nakWithDelay(backoff);
        }
        Duration wait = backoff;
        Thread.sleep(wait);
        backoff = wait.multipliedBy(2).compareTo(BACKOFF_MAX) > 0 ? BACKOFF_MAX : wait.multipliedBy(2);
    }

    private void recovered() {
        if (storeHealthy.compareAndSet(false, true)) {
            LOG.info("PostgreSQL is available again; ingest resumed");
        }
        backoff = BACKOFF_MIN;
    }

    /**
     * A batch failed for a reason in its data: write the messages one by one so one bad message
     * cannot hold back the rest. One that still fails is retried later, and rejected once it has
     * been delivered {@code maxDeliveries} times, so a poison message never blocks the stream.
     */
    private void isolate(List<Message> batch, List<PendingMessage> pending) throws InterruptedException {
        for (int i = 0; i < batch.size(); i++) {
            Message message = batch.get(i);
            PendingMessage one = pending.get(i);
            try {
                afterCommit(List.of(message), List.of(one), writer.write(List.of(one)), 0);
            } catch (SQLException | RuntimeException e) {
                if (Failures.isDatabaseUnavailable(e)) {
                    databaseUnavailable(batch.subList(i, batch.size()), e);
                    return;
                }
                settlePoison(message, one, e);
            }
        }
    }

    private void settlePoison(Message message, PendingMessage one, Exception cause) {
        long deliveries = message.metaData().deliveredCount();
        if (deliveries < maxDeliveries) {
            message.nakWithDelay(BACKOFF_MAX);
            return;
        }
        String uid = one.verdict() instanceof Verdict.Accepted a ? a.orderUid() : null;
        var rejected = new Verdict.Rejected(RejectReason.UNSTORABLE, "could not be stored after " + deliveries
                + " deliveries: " + Failures.describe(cause), uid);
        PendingMessage poison = new PendingMessage(one.messageKey(), one.payload(), rejected);
        try {
            afterCommit(List.of(message), List.of(poison), writer.write(List.of(poison)), 0);
            LOG.warn("rejected message {} after {} deliveries: {}", one.messageKey(), deliveries,
                    Failures.describe(cause));
        } catch (SQLException | RuntimeException e) {
            message.nakWithDelay(BACKOFF_MAX);
        }
    }

    /** On a clean stop, hand prefetched messages back at once rather than after the ack wait. */
    private static void releaseUnprocessed(IterableConsumer messages) throws Exception {
        Message left;
        while ((left = messages.nextMessage(LINGER)) != null) {
            left.nak();
        }
    }
}
