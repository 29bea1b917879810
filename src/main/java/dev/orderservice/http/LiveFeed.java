package dev.orderservice.http;

import dev.orderservice.ingest.IngestObserver;
import dev.orderservice.model.Order;
import dev.orderservice.store.BatchOutcome;
import dev.orderservice.store.Listings;
import dev.orderservice.validation.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Fans newly stored orders out to the browsers watching {@code /api/events}.
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
    private static final int WINDOW_SECONDS = (int) RATE_WINDOW.toSeconds();

    private final Set<LiveSubscriber> subscribers = ConcurrentHashMap.newKeySet();
    /** Slot {@code second % (WINDOW_SECONDS + 1)} counts that second's orders; the extra slot is the one filling. */
    private final AtomicLongArray perSecond = new AtomicLongArray(WINDOW_SECONDS + 1);
    private final AtomicLongArray slotSecond = new AtomicLongArray(WINDOW_SECONDS + 1);
    private volatile boolean closed;

    /** Registers a new subscriber, or returns null when the feed is full or closed. */
    LiveSubscriber subscribe() {
        if (closed || subscribers.size() >= MAX_SUBSCRIBERS) {
            return null;
        }
        LiveSubscriber subscriber = new LiveSubscriber(QUEUE_CAPACITY);
        subscribers.add(subscriber);
        return subscriber;
    }

    void unsubscribe(LiveSubscriber subscriber) {
        subscribers.remove(subscriber);
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
            Listings.OrderSummary summary = summary(accepted.order(), now);
            for (LiveSubscriber subscriber : subscribers) {
                subscriber.offer(summary);
            }
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

    static Listings.OrderSummary summary(Order order, Instant receivedAt) {
        return new Listings.OrderSummary(order.orderUid(), order.trackNumber(), order.customerId(),
                order.deliveryService(), order.dateCreated(), order.payment().amount(), order.payment().currency(),
                order.items().size(), receivedAt);
    }

    /** Ends every open stream; the service calls it before stopping the HTTP server. */
    @Override
    public void close() {
        closed = true;
        subscribers.forEach(LiveSubscriber::wake);
    }
}
