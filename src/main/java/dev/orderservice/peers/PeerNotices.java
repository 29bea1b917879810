package dev.orderservice.peers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.orderservice.cache.OrderCache;
import dev.orderservice.http.LiveFeed;
import dev.orderservice.ingest.IngestObserver;
import dev.orderservice.json.Json;
import dev.orderservice.store.BatchOutcome;
import dev.orderservice.store.Listings;
import dev.orderservice.store.StoredIds;
import dev.orderservice.validation.Verdict;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>A stored notice is a compact JSON array of the {@link Listings.OrderSummary} the live feed
 * shows (about 250 bytes an order, at most {@link #SUMMARIES_PER_NOTICE} a notice), with the
 * sending instance in the {@link #INSTANCE} header: every instance adds the ids to its filter and
 * hands the others' summaries to its {@link LiveFeed}, so a browser on any instance sees the orders
 * stored by all of them. Its own it fanned out already, straight from ingest, and ignores here: so
 * with NATS cut off an instance's browsers still see its own orders (and ingest, which reads from
 * NATS, stores no others meanwhile). A notice of an older version, ids one a line, still fills the
 * filter.
 */
public final class PeerNotices implements IngestObserver, AutoCloseable {

    /** The header naming the instance that sent a stored notice. */
    static final String INSTANCE = "Orders-Instance";
    /** Summaries in one notice: a batch of 1000 orders is four notices, each well below NATS's 1 MiB. */
    static final int SUMMARIES_PER_NOTICE = 250;
    private static final Logger LOG = LoggerFactory.getLogger(PeerNotices.class);
    private static final ObjectReader SUMMARIES = Json.mapper().readerFor(Listings.OrderSummary[].class);

    /** This process, among the instances of the stream. */
    private final String instance = UUID.randomUUID().toString();
    private final Headers headers = new Headers().put(INSTANCE, instance);
    private final LiveFeed live;
    private final Connection connection;
    private final String storedSubject;
    private final StoredIds storedIds;
    private final OrderCache cache;
    private final Dispatcher dispatcher;
    private final AtomicLong erased;

    private PeerNotices(Connection connection, String stream, StoredIds storedIds, OrderCache cache,
            AtomicLong erased, LiveFeed live) {
        this.connection = connection;
        this.live = live;
        this.erased = erased;
        this.storedSubject = storedSubject(stream);
        this.storedIds = storedIds;
        this.cache = cache;
        this.dispatcher = connection.createDispatcher();
        dispatcher.subscribe(storedSubject, this::stored);
        dispatcher.subscribe(erasedSubject(stream), this::erased);
    }

    /**
     * Subscribes this instance to both subjects of {@code stream}; {@code erased} counts erased
     * orders it dropped, {@code live} shows the orders the other instances stored.
     */
    public static PeerNotices start(Connection connection, String stream, StoredIds storedIds, OrderCache cache,
            AtomicLong erased, LiveFeed live) {
        PeerNotices notices = new PeerNotices(connection, stream, storedIds, cache, erased, live);
        // Jackson builds a type's (de)serialiser on first use, tens of milliseconds on a fresh JVM:
        // done now, beside the start, the first notices reach the peers' id filters as fast as later ones
        Thread.ofPlatform().name("notice-json-init").daemon().start(PeerNotices::warmUp);
        return notices;
    }

    private static void warmUp() {
        try {
            var sample = new Listings.OrderSummary("warm-up", "T", "c", "d", "2026-01-01T00:00:00Z", 1, "USD", 1,
                    Instant.EPOCH);
            SUMMARIES.readValue(Json.mapper().writeValueAsBytes(List.of(sample)));
        } catch (java.io.IOException e) {
            LOG.debug("notice JSON warm-up: {}", e.getMessage());
        }
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

    /**
     * After each commit: the new orders' summaries, to every instance (this one ignores its own).
     * Never waits: while NATS is unreachable the client buffers what it can and drops the rest,
     * which the others' filters then catch up on from PostgreSQL.
     */
    @Override
    public void committed(BatchOutcome outcome, int messages, long commitNanos) {
        List<Verdict.Accepted> stored = outcome.stored();
        Instant now = Instant.now();
        for (int from = 0; from < stored.size(); from += SUMMARIES_PER_NOTICE) {
            List<Verdict.Accepted> part = stored.subList(from, Math.min(stored.size(), from + SUMMARIES_PER_NOTICE));
            List<Listings.OrderSummary> summaries = new ArrayList<>(part.size());
            part.forEach(accepted -> summaries.add(LiveFeed.summary(accepted.order(), now)));
            try {
                connection.publish(storedSubject, headers, Json.mapper().writeValueAsBytes(summaries));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("summaries are plain records", e);
            } catch (IllegalStateException e) {
                LOG.debug("stored notice not sent: {}", e.getMessage());
                return;
            }
        }
    }

    private void stored(Message notice) {
        byte[] data = notice.getData();
        if (data.length == 0 || data[0] != '[') {
            storedIds.addAll(split(notice));
            return;
        }
        List<Listings.OrderSummary> summaries;
        try {
            summaries = Arrays.asList(SUMMARIES.readValue(data));
        } catch (java.io.IOException e) {
            LOG.warn("a stored notice that is not a list of order summaries was ignored: {}", e.getMessage());
            return;
        }
        storedIds.addAll(summaries.stream().map(Listings.OrderSummary::orderUid).toList());
        Headers from = notice.getHeaders();
        if (from == null || !instance.equals(from.getFirst(INSTANCE))) {
            live.storedElsewhere(summaries);
        }
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
