package dev.orderservice.ingest;

import dev.orderservice.cache.OrderCache;
import dev.orderservice.logging.ExceptionLine;
import dev.orderservice.logging.OutageReport;
import dev.orderservice.store.BatchOutcome;
import dev.orderservice.store.PendingMessage;
import dev.orderservice.store.PostgresFailure;
import dev.orderservice.validation.RejectReason;
import dev.orderservice.validation.Verdict;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch and settles each of its messages with the broker; the writer threads of
 * {@link IngestLoop} share one.
 *
 * <p>Invariants: a message is acked (stored or a duplicate) or terminated (stored as rejected) only
 * after the transaction that recorded it has committed, so a crash means a redelivery, never a
 * loss. When the database is unavailable every message not yet settled is negatively acknowledged
 * with a back-off, never acked early. A batch that fails for a reason in its data is written one
 * message at a time, so one bad message cannot hold back the rest; one that still fails is
 * redelivered later, and stored as rejected ({@link RejectReason#UNSTORABLE}) once it has been
 * delivered {@code maxDeliveries} times, so a poison message never blocks the stream.
 */
final class BatchSettler {

    private static final Logger LOG = LoggerFactory.getLogger(BatchSettler.class);
    static final Duration BACKOFF_MIN = Duration.ofMillis(250);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(10);
    /**
     * A failure this soon after a recovery belongs to the same outage (typically the other
     * writer's connection, broken by the same restart): readiness reports it, the log does not
     * announce it again.
     */
    static final Duration RELAPSE = Duration.ofSeconds(15);

    /** How the writer thread waits out a back-off; {@code Thread::sleep} but in tests. */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final BatchWriter writer;
    private final OrderCache cache;
    private final IngestObserver observer;
    private final int maxDeliveries;
    private final Pause pause;
    /** Flipped by compare-and-set, so of two writers failing at once only one logs the outage. */
    private final AtomicBoolean storeHealthy = new AtomicBoolean(true);
    /** The current back-off while PostgreSQL is unavailable; writers share it. */
    private volatile Duration backoff = BACKOFF_MIN;
    private volatile long recoveredAt = System.nanoTime() - RELAPSE.toNanos() - 1;
    /** When to say that NATS refused acks; writers share it, under its own lock. */
    private final OutageReport brokerRefused = new OutageReport();

    BatchSettler(BatchWriter writer, OrderCache cache, IngestObserver observer, int maxDeliveries, Pause pause) {
        this.writer = writer;
        this.cache = cache;
        this.observer = observer;
        this.maxDeliveries = maxDeliveries;
        this.pause = pause;
    }

    /** False while the database refuses writes. */
    boolean isStoreHealthy() {
        return storeHealthy.get();
    }

    /**
     * Writes the batch and settles every message, or leaves them to be redelivered.
     *
     * @throws InterruptedException when the back-off is interrupted; the messages are then nak'd
     */
    void settle(List<InFlight> batch) throws InterruptedException {
        try {
            commit(batch);
            recovered();
        } catch (SQLException | RuntimeException e) {
            observer.storeFailed(e);
            if (!PostgresFailure.of(e).kind().mayBeTheData()) {
                databaseUnavailable(batch, e);
            } else {
                LOG.warn("a batch of {} messages failed to store ({}); storing them one by one", batch.size(),
                        ExceptionLine.of(e));
                isolate(batch);
            }
        }
    }

    /** Writes, and once that has committed caches the new orders and acks or terminates each message. */
    private void commit(List<InFlight> batch) throws SQLException {
        long start = System.nanoTime();
        BatchOutcome outcome = writer.write(batch.stream().map(InFlight::pending).toList());
        long nanos = System.nanoTime() - start;
        for (Verdict.Accepted stored : outcome.stored()) {
            cache.put(stored.orderUid(), stored.json());
        }
        settleWithBroker(batch, outcome);
        observer.committed(outcome, batch.size(), nanos);
    }

    /**
     * Acks or terminates each message of a committed batch. NATS may be unreachable, and jnats then
     * refuses to send (its reconnect buffer full, or the connection closed): such a message is
     * redelivered after the ack wait, found stored (a duplicate order, or a rejected row under the
     * same message key) and settled then. It is never taken for a failure to store, which would
     * write it again one by one and, at its last delivery, as rejected.
     */
    private void settleWithBroker(List<InFlight> batch, BatchOutcome outcome) {
        int unsent = 0;
        RuntimeException first = null;
        for (InFlight message : batch) {
            BatchOutcome.Fate fate = outcome.fateOf(message.pending());
            try {
                if (fate == BatchOutcome.Fate.REJECTED || fate == BatchOutcome.Fate.ERASED) {
                    message.message().term();
                } else {
                    message.message().ack();
                }
            } catch (RuntimeException e) {
                unsent++;
                first = first == null ? e : first;
            }
        }
        synchronized (brokerRefused) {
            if (unsent == 0) {
                brokerRefused.over();
            } else if (brokerRefused.due()) {
                LOG.warn("NATS did not take the acks of {} of {} stored messages ({}); they will be redelivered and"
                        + " found stored", unsent, batch.size(), ExceptionLine.of(first));
            }
        }
    }

    /** Asks for a redelivery; while NATS is unreachable it happens anyway, after the ack wait. */
    private static void nak(InFlight message, Duration delay) {
        try {
            message.message().nakWithDelay(delay);
        } catch (RuntimeException e) {
            // unreachable broker: redelivered after the ack wait instead
        }
    }

    private void databaseUnavailable(List<InFlight> unsettled, Exception e) throws InterruptedException {
        if (storeHealthy.compareAndSet(true, false) && System.nanoTime() - recoveredAt > RELAPSE.toNanos()) {
            LOG.warn("PostgreSQL is unavailable ({}); holding {} messages and retrying with back-off",
                    ExceptionLine.of(e), unsettled.size());
        }
        Duration wait = backoff;
        for (InFlight message : unsettled) {
            nak(message, wait);
        }
        pause.sleep(wait);
        backoff = wait.multipliedBy(2).compareTo(BACKOFF_MAX) > 0 ? BACKOFF_MAX : wait.multipliedBy(2);
    }

    private void recovered() {
        if (storeHealthy.compareAndSet(false, true)) {
            recoveredAt = System.nanoTime();
            LOG.info("PostgreSQL is available again; ingest resumed");
        }
        backoff = BACKOFF_MIN;
    }

    private void isolate(List<InFlight> batch) throws InterruptedException {
        for (int i = 0; i < batch.size(); i++) {
            InFlight one = batch.get(i);
            try {
                commit(List.of(one));
            } catch (SQLException | RuntimeException e) {
                if (!PostgresFailure.of(e).kind().mayBeTheData()) {
                    databaseUnavailable(batch.subList(i, batch.size()), e);
                    return;
                }
                settlePoison(one, e);
            }
        }
    }

    /** A message that fails alone: redelivered later, or stored as rejected at its last delivery. */
    private void settlePoison(InFlight one, Exception cause) {
        long deliveries = one.message().deliveredCount();
        if (deliveries < maxDeliveries) {
            nak(one, BACKOFF_MAX);
            return;
        }
        PendingMessage failed = one.pending();
        String uid = failed.verdict() instanceof Verdict.Accepted a ? a.orderUid() : null;
        var rejected = new Verdict.Rejected(RejectReason.UNSTORABLE, "could not be stored after " + deliveries
                + " deliveries: " + ExceptionLine.of(cause), uid);
        try {
            commit(List.of(new InFlight(one.message(),
                    new PendingMessage(failed.messageKey(), failed.payload(), rejected))));
            LOG.warn("rejected message {} after {} deliveries: {}", failed.messageKey(), deliveries,
                    ExceptionLine.of(cause));
        } catch (SQLException | RuntimeException e) {
            nak(one, BACKOFF_MAX);
        }
    }
}
