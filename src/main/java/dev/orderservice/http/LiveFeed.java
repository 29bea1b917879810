package dev.orderservice.http;

import dev.orderservice.ingest.IngestObserver;
import dev.orderservice.model.Order;
import dev.orderservice.store.BatchOutcome;
import dev.orderservice.store.Listings;
import dev.orderservice.validation.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Fans newly stored orders out to the browsers watching {@code /api/events}: the ones this
 * instance stored ({@link #committed}, straight from ingest) and the ones the other instances of the
 * stream stored ({@link #storedElsewhere}, from their notices on NATS, {@code peers.PeerNotices}).
 * Each order is fanned out once: an instance's own notices are not fanned out again, and the ids of
 * the last {@link #RECENT_IDS} orders fanned out are remembered, so no path can show one twice.
 *
 * <p>Ingest calls {@link #committed} on its own thread and must never wait for a browser: each
 * subscriber has a bounded queue that is only ever offered to, so a slow or stalled client costs
 * at most {@link #QUEUE_CAPACITY} summaries and is then told to refetch instead. The feed also
 * keeps a per-second count of stored orders over the last {@link #RATE_WINDOW}, which is the
 * ingest rate the status strip shows.
 */
public final class LiveFeed implements IngestObserver, AutoCloseable {

    /** Summaries held per subscriber before it is marked as overflowed and told to refetch. */
    static final int QUEUE_CAPACITY = 1024;
    /** Browsers served at once; more are refused so the feed's memory stays bounded. */
    static final int MAX_SUBSCRIBERS = 256;
    static final Duration RATE_WINDOW = Duration.ofSeconds(10);
    /** Order ids remembered as fanned out; far more than a notice can be late by. */
    static final int RECENT_IDS = 16_384;
    private static final int WINDOW_SECONDS = (int) RATE_WINDOW.toSeconds();

    /** A live feed opened, or why not. */
    record Subscription(LiveSubscriber subscriber, Admission.Refusal refusal) {
    }

    private final Admission admission;
    /** Each subscriber with the client that holds it ("" for an exempt one). */
    private final Map<LiveSubscriber, String> subscribers = new ConcurrentHashMap<>();
    /** Feeds held per client; changed only inside compute, so a count and its removal at zero are one step. */
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    /**
     * The last {@link #RECENT_IDS} ids fanned out, oldest first. Not a Caffeine cache: its size bound
     * admits by frequency, and ids seen once each lose to the ones already held, so only its small
     * admission window of the newest would be remembered.
     */
    private final Map<String, Boolean> recent = new LinkedHashMap<>(RECENT_IDS * 4 / 3 + 1) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT_IDS;
        }
    };
    /** Slot {@code second % (WINDOW_SECONDS + 1)} counts that second's orders; the extra slot is the one filling. */
    private final AtomicLongArray perSecond = new AtomicLongArray(WINDOW_SECONDS + 1);
    private final AtomicLongArray slotSecond = new AtomicLongArray(WINDOW_SECONDS + 1);
    private volatile boolean closed;

    /** A feed with the default per-client cap ({@link Admission.Limits#defaults}). */
    public LiveFeed() {
        this(Admission.defaults());
    }

    /** A feed that caps the feeds of one client at {@code admission}'s {@code livePerClient}. */
    public LiveFeed(Admission admission) {
        this.admission = admission;
    }

    /** The admission rules of the HTTP server this feed is served by. */
    public Admission admission() {
        return admission;
    }

    /** Registers a new subscriber not counted against any client, or returns null when the feed is full or closed. */
    LiveSubscriber subscribe() {
        return subscribe(null).subscriber();
    }

    /**
     * Registers a new subscriber of {@code client} (null: one exempt from the per-client cap), or
     * says why not: the feed is full or closed ({@code LIVE_FULL}), or the client holds its most.
     */
    Subscription subscribe(String client) {
        if (closed || subscribers.size() >= MAX_SUBSCRIBERS) {
            return new Subscription(null, Admission.Refusal.LIVE_FULL);
        }
        String holder = client == null ? "" : client;
        int cap = admission.limits().livePerClient();
        if (client != null && cap > 0) {
            // one atomic step: a counter taken from the map and changed outside it could be removed
            // at zero by a release meanwhile, and the client's next feeds counted from 0 again
            boolean[] admitted = {false};
            perClient.compute(holder, (c, held) -> {
                int open = held == null ? 0 : held;
                if (open >= cap) {
                    return held;
                }
                admitted[0] = true;
                return open + 1;
            });
            if (!admitted[0]) {
                return new Subscription(null, Admission.Refusal.LIVE_PER_CLIENT);
            }
        }
        LiveSubscriber subscriber = new LiveSubscriber(QUEUE_CAPACITY);
        subscribers.put(subscriber, holder);
        return new Subscription(subscriber, null);
    }

    void unsubscribe(LiveSubscriber subscriber) {
        String holder = subscribers.remove(subscriber);
        if (holder != null && !holder.isEmpty()) {
            release(holder);
        }
    }

    private void release(String client) {
        perClient.computeIfPresent(client, (c, held) -> held <= 1 ? null : held - 1);
    }

    int subscriberCount() {
        return subscribers.size();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void committed(BatchOutcome outcome, int messages, long commitNanos) {
        if (outcome.stored().isEmpty()) {
            return;
        }
        count(outcome.stored().size(), System.currentTimeMillis() / 1000);
        if (subscribers.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        for (Verdict.Accepted accepted : outcome.stored()) {
            fanOut(summary(accepted.order(), now));
        }
    }

    /**
     * Orders another instance of the stream stored: counted in the rate, so every instance shows
     * the stream's rate, and fanned out to this instance's browsers. Called on the NATS thread.
     */
    public void storedElsewhere(Collection<Listings.OrderSummary> summaries) {
        if (summaries.isEmpty()) {
            return;
        }
        count(summaries.size(), System.currentTimeMillis() / 1000);
        if (subscribers.isEmpty()) {
            return;
        }
        summaries.forEach(this::fanOut);
    }

    private void fanOut(Listings.OrderSummary summary) {
        if (!firstTime(summary.orderUid())) {
            return;
        }
        for (LiveSubscriber subscriber : subscribers.keySet()) {
            subscriber.offer(summary);
        }
    }

    /** True the first time among the last {@link #RECENT_IDS} ids that this one is fanned out. */
    boolean firstTime(String orderUid) {
        synchronized (recent) {
            return recent.putIfAbsent(orderUid, Boolean.TRUE) == null;
        }
    }

    /** Orders stored per second, averaged over the last {@link #RATE_WINDOW} of whole seconds. */
    public double ordersPerSecond() {
        long current = System.currentTimeMillis() / 1000;
        long total = 0;
        for (int i = 0; i < perSecond.length(); i++) {
            long second = slotSecond.get(i);
            if (second < current && second >= current - WINDOW_SECONDS) {
                total += perSecond.get(i);
            }
        }
        return (double) total / WINDOW_SECONDS;
    }

    private void count(int orders, long second) {
        int slot = (int) (second % perSecond.length());
        long seen = slotSecond.get(slot);
        if (seen != second && slotSecond.compareAndSet(slot, seen, second)) {
            perSecond.set(slot, 0);
        }
        perSecond.addAndGet(slot, orders);
    }

    /** What the feed shows of an order stored at {@code receivedAt}; also what an instance tells its peers. */
    public static Listings.OrderSummary summary(Order order, Instant receivedAt) {
        return new Listings.OrderSummary(order.orderUid(), order.trackNumber(), order.customerId(),
                order.deliveryService(), order.dateCreated(), order.payment().amount(), order.payment().currency(),
                order.items().size(), receivedAt);
    }

    /** Ends every open stream; the service calls it before stopping the HTTP server. */
    @Override
    public void close() {
        closed = true;
        subscribers.keySet().forEach(LiveSubscriber::wake);
    }
}
