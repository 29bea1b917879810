package dev.orderservice.peers;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.orderservice.cache.OrderCache;
import dev.orderservice.http.LiveFeed;
import dev.orderservice.ingest.IngestObserver;
import dev.orderservice.json.Json;
import dev.orderservice.logging.OutageReport;
import dev.orderservice.model.OrderId;
import dev.orderservice.store.BatchOutcome;
import dev.orderservice.store.Listings;
import dev.orderservice.store.StoredIds;
import dev.orderservice.validation.Verdict;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
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
 * stored by all of them. Its own it fanned out already, straight from ingest; NATS does not send them
 * back to it (serve connects with {@code noEcho}), and it would ignore them here: so
 * with NATS cut off an instance's browsers still see its own orders (and ingest, which reads from
 * NATS, stores no others meanwhile). A notice of an older version, ids one a line, still fills the
 * filter.
 *
 * <p><b>Trust.</b> Whoever may publish on these subjects can put orders into every browser's live
 * feed and ids into every filter: the boundary is NATS's own (credentials and subject permissions,
 * docs/operations.md), as for the stream itself. Within it a notice is still checked before any of
 * it is used ({@link #summaries}): at most {@link #MAX_NOTICE_BYTES} and
 * {@link #SUMMARIES_PER_NOTICE} summaries, each with a well-formed order id and every field
 * present and short, and the sender's {@link #INSTANCE} header; anything else is dropped whole,
 * logged (with how many so far) at most once per {@link OutageReport#EVERY}. A forged id costs a peer at most
 * one PostgreSQL lookup (the filter only ever says "maybe stored"), and a forged erasure a cache
 * miss.
 */
public final class PeerNotices implements IngestObserver, AutoCloseable {

    /** The header naming the instance that sent a stored notice. */
    static final String INSTANCE = "Orders-Instance";
    /** Summaries in one notice: a batch of 1000 orders is four notices, each well below NATS's 1 MiB. */
    static final int SUMMARIES_PER_NOTICE = 250;
    /** The largest notice read: NATS's default max_payload; real ones are about 250 bytes an order. */
    static final int MAX_NOTICE_BYTES = 1024 * 1024;
    /** The longest text field of a summary read from a notice; stored orders' fields are shorter (validation). */
    static final int MAX_FIELD_CHARS = 256;
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
    /** Notices dropped as not of the shape an instance sends; read by the dispatcher's one thread. */
    private final AtomicLong refusedNotices = new AtomicLong();
    private final OutageReport refusedReport = new OutageReport();

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
            SUMMARIES.readValue(notice(List.of(sample)));
        } catch (IOException e) {
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
     * After each commit: the new orders' summaries, to every instance (this one drops its own unread).
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
            // written before the try: a failure to write is a bug to see, not a notice NATS refused
            byte[] notice = notice(summaries);
            try {
                connection.publish(storedSubject, headers, notice);
            } catch (IllegalStateException e) {
                LOG.debug("stored notice not sent: {}", e.getMessage());
                return;
            }
        }
    }

    /**
     * The JSON of a stored notice: what the mapper writes for these summaries, byte for byte
     * ({@link #SUMMARIES} reads it), written field by field on the generator. Through databind it
     * was a seventh of the writer threads' CPU in the profiled drain, most of it in formatting the
     * same {@code received_at} once per order.
     */
    static byte[] notice(List<Listings.OrderSummary> summaries) {
        return Json.bytes(json -> {
            Instant formatted = null;
            String receivedAt = null;
            json.writeStartArray();
            for (Listings.OrderSummary summary : summaries) {
                if (summary.receivedAt() != formatted) {
                    formatted = summary.receivedAt();
                    receivedAt = formatted.toString();
                }
                json.writeStartObject();
                json.writeStringField("order_uid", summary.orderUid());
                json.writeStringField("track_number", summary.trackNumber());
                json.writeStringField("customer_id", summary.customerId());
                json.writeStringField("delivery_service", summary.deliveryService());
                json.writeStringField("date_created", summary.dateCreated());
                json.writeNumberField("amount", summary.amount());
                json.writeStringField("currency", summary.currency());
                json.writeNumberField("item_count", summary.itemCount());
                json.writeStringField("received_at", receivedAt);
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private void stored(Message notice) {
        byte[] data = notice.getData();
        if (data.length == 0 || data[0] != '[') {
            List<String> ids = ids(data);
            if (ids == null) {
                refuse("ids, one a line", data.length);
                return;
            }
            storedIds.addAll(ids);
            return;
        }
        Headers from = notice.getHeaders();
        String sender = from == null ? null : from.getFirst(INSTANCE);
        if (instance.equals(sender)) {
            // this instance's own notice, which NATS does not echo to serve's connection (noEcho);
            // here should one come back all the same: its ids went into the filter at the commit,
            // its orders to its browsers from ingest
            return;
        }
        List<Listings.OrderSummary> summaries = sender == null ? null : summaries(data);
        if (summaries == null) {
            refuse("order summaries from an instance", data.length);
            return;
        }
        storedIds.addAll(summaries.stream().map(Listings.OrderSummary::orderUid).toList());
        live.storedElsewhere(summaries);
    }

    private void refuse(String expected, int bytes) {
        refusedNotices.incrementAndGet();
        if (refusedReport.due()) {
            LOG.warn("a stored notice of {} bytes on {} that is not {} was ignored ({} so far); is something other"
                    + " than order-service publishing there?", bytes, storedSubject, expected, refusedNotices.get());
        }
    }

    /**
     * The summaries of a stored notice, or null when it is not exactly what an instance sends:
     * at most {@link #MAX_NOTICE_BYTES}, a JSON array of 1 to {@link #SUMMARIES_PER_NOTICE}
     * summaries with no unknown member, each with a well-formed order id, every text present and at
     * most {@link #MAX_FIELD_CHARS}, amount and item count not negative.
     */
    static List<Listings.OrderSummary> summaries(byte[] data) {
        if (data.length > MAX_NOTICE_BYTES) {
            return null;
        }
        Listings.OrderSummary[] read;
        try {
            read = SUMMARIES.readValue(data);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (read == null || read.length == 0 || read.length > SUMMARIES_PER_NOTICE) {
            return null;
        }
        for (Listings.OrderSummary s : read) {
            if (s == null || !OrderId.isWellFormed(s.orderUid()) || s.receivedAt() == null || s.amount() < 0
                    || s.itemCount() < 0 || !shortText(s.trackNumber(), s.customerId(), s.deliveryService(),
                            s.dateCreated(), s.currency())) {
                return null;
            }
        }
        return List.of(read);
    }

    /** The ids of a notice of ids one a line, or null when there are too many or one is not an order id. */
    static List<String> ids(byte[] data) {
        if (data.length > MAX_NOTICE_BYTES) {
            return null;
        }
        String text = new String(data, StandardCharsets.UTF_8);
        List<String> ids = text.isEmpty() ? List.of() : text.lines().toList();
        return ids.stream().allMatch(OrderId::isWellFormed) ? ids : null;
    }

    private static boolean shortText(String... texts) {
        for (String text : texts) {
            if (text == null || text.length() > MAX_FIELD_CHARS) {
                return false;
            }
        }
        return true;
    }

    private void erased(Message notice) {
        List<String> orderUids = ids(notice.getData());
        if (orderUids == null) {
            LOG.debug("an erased notice that is not order ids, one a line, was ignored");
            return;
        }
        for (String orderUid : orderUids) {
            if (cache.remove(orderUid)) {
                erased.incrementAndGet();
            }
        }
    }

    private static byte[] join(Collection<String> orderUids) {
        return String.join("\n", orderUids).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        connection.closeDispatcher(dispatcher);
    }
}
