package dev.orderservice.http;

import dev.orderservice.store.Listings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One browser's queue of new orders. Ingest only ever offers (never waits); when the queue is full
 * the subscriber is marked overflowed, and its next batch tells the browser to refetch the list
 * rather than pretending to be complete.
 */
final class LiveSubscriber {

    /** What the stream sends next: newest first, or a request to refetch after an overflow. */
    record Batch(List<Listings.OrderSummary> newestFirst, int skipped, boolean refetch) {
    }

    /** Put in the queue by {@link #wake} only to end a waiting poll; never part of a batch. */
    private static final Listings.OrderSummary WAKE = new Listings.OrderSummary(null, null, null, null, null, 0, null,
            0, null);

    private final ArrayBlockingQueue<Listings.OrderSummary> queue;
    private final AtomicBoolean overflowed = new AtomicBoolean();

    LiveSubscriber(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    void offer(Listings.OrderSummary summary) {
        if (!queue.offer(summary)) {
            overflowed.set(true);
        }
    }

    /** Lets a waiting {@link #next} return early, so a closing feed ends its streams promptly. */
    void wake() {
        overflowed.set(true);
        // a full queue has no poll waiting on it, so a refused offer wakes nobody and needs nobody woken
        queue.offer(WAKE);
    }

    /**
     * Waits up to {@code wait} for news; returns null when there is none. A batch carries at most
     * {@code max} summaries, the newest; the older ones are counted as skipped.
     */
    Batch next(Duration wait, int max) throws InterruptedException {
        if (overflowed.getAndSet(false)) {
            queue.clear();
            return new Batch(List.of(), 0, true);
        }
        Listings.OrderSummary first = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null || first == WAKE) {
            return overflowed.getAndSet(false) ? refetch() : null;
        }
        List<Listings.OrderSummary> drained = new ArrayList<>();
        drained.add(first);
        queue.drainTo(drained);
        drained.removeIf(summary -> summary == WAKE);
        int skipped = Math.max(0, drained.size() - max);
        List<Listings.OrderSummary> kept = new ArrayList<>(drained.subList(skipped, drained.size()));
        Collections.reverse(kept);
        return new Batch(kept, skipped, false);
    }

    private Batch refetch() {
        queue.clear();
        return new Batch(List.of(), 0, true);
    }
}
