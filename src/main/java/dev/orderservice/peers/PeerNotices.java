package dev.orderservice.peers;

import dev.orderservice.cache.OrderCache;
import dev.orderservice.ingest.IngestObserver;
import dev.orderservice.store.BatchOutcome;
import dev.orderservice.store.StoredIds;
import dev.orderservice.validation.Verdict;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * What the instances serving one stream tell each other, on core NATS subjects beside the stream
 * (never captured by it): the ids of the orders each batch stored ({@link #storedSubject}), so that
 * every instance's {@link StoredIds} knows the orders the others ingested, and the ids the erase
 * command erased ({@link #erasedSubject}), which each instance drops from its cache at once.
 *
 * <p>A notice is fire-and-forget: one sent while an instance is cut off from NATS never reaches
 * it. StoredIds therefore also catches up from PostgreSQL, and an instance that missed an erasure
 * may serve the order from its cache until it is evicted or the instance restarts (its store rows
 * are gone, so nothing else can bring it back).
 */
public final class PeerNotices implements IngestObserver, AutoCloseable {

    private final Connection connection;
    private final String storedSubject;
    private final StoredIds storedIds;
    private final OrderCache cache;
    private final Dispatcher dispatcher;
    private final AtomicLong erased;

    private PeerNotices(Connection connection, String stream, StoredIds storedIds, OrderCache cache,
            AtomicLong erased) {
        this.connection = connection;
        this.erased = erased;
        this.storedSubject = storedSubject(stream);
        this.storedIds = storedIds;
        this.cache = cache;
        this.dispatcher = connection.createDispatcher();
        dispatcher.subscribe(storedSubject, this::stored);
        dispatcher.subscribe(erasedSubject(stream), this::erased);
    }

    /** Subscribes this instance to both subjects of {@code stream}; {@code erased} counts erased orders it dropped. */
    public static PeerNotices start(Connection connection, String stream, StoredIds storedIds, OrderCache cache,
            AtomicLong erased) {
        return new PeerNotices(connection, stream, storedIds, cache, erased);
    }

    public static String storedSubject(String stream) {
        return "order-service." + stream + ".stored";
    }

    public static String erasedSubject(String stream) {
        return "order-service." + stream + ".erased";
    }

    /**
     * Tells every instance of {@code stream} that these orders are erased, and waits until the
     * broker has the notice.
     *
     * @throws TimeoutException     when the broker did not take it within {@code timeout}
     * @throws InterruptedException when interrupted meanwhile
     */
    public static void announceErased(Connection connection, String stream, Collection<String> orderUids,
            Duration timeout) throws TimeoutException, InterruptedException {
        connection.publish(erasedSubject(stream), join(orderUids));
        connection.flush(timeout);
    }

    /** After each commit: the new orders' ids, to every instance (this one too, harmlessly). */
    @Override
    public void committed(BatchOutcome outcome, int messages, long commitNanos) {
        if (!outcome.stored().isEmpty()) {
            connection.publish(storedSubject, join(outcome.stored().stream().map(Verdict.Accepted::orderUid).toList()));
        }
    }

    private void stored(Message notice) {
        storedIds.addAll(split(notice));
    }

    private void erased(Message notice) {
        for (String orderUid : split(notice)) {
            if (cache.remove(orderUid)) {
                erased.incrementAndGet();
            }
        }
    }

    private static byte[] join(Collection<String> orderUids) {
        return String.join("\n", orderUids).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> split(Message notice) {
        String text = new String(notice.getData(), StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : text.lines().collect(Collectors.toList());
    }

    @Override
    public void close() {
        connection.closeDispatcher(dispatcher);
    }
}
