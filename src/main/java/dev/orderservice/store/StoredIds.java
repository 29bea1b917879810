package dev.orderservice.store;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnel;
import com.google.common.hash.Funnels;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which order ids the store holds, as a Bloom filter (Guava's), so that a lookup of an id that was
 * never stored is answered without PostgreSQL.
 *
 * <p>Invariant: once {@linkplain #complete() complete}, {@link #mightBeStored} is false only for an
 * id that no committed order has: there are false positives (a query that finds nothing, at
 * {@link #FALSE_POSITIVE_RATE} by design), never false negatives. Ids are added after each commit
 * (this instance's and, through {@code peers}, the others'), and by {@link StoredIdsLoader}'s scans
 * of the store. Until the first full scan has finished every id might be stored, so nothing is
 * answered from the filter.
 *
 * <p>A filter holds its false-positive rate only up to its design size. Past it, a new filter twice
 * the size is built beside it ({@link #startRebuild}): while the store is scanned into the new one,
 * every add goes to both and the old one keeps answering; then the new one takes over. An id
 * added between its commit and the scan's start is in the scan; one committed later is added to
 * both. An erased order's id stays in the filter: it only costs a query that finds nothing.
 */
public final class StoredIds {

    public static final double FALSE_POSITIVE_RATE = 0.01;
    /** The smallest design size: 1.2 MB of filter at 1%, nothing next to the cache. */
    public static final long MIN_DESIGN_IDS = 1_000_000;
    private static final Funnel<CharSequence> FUNNEL = Funnels.stringFunnel(StandardCharsets.UTF_8);

    private volatile BloomFilter<CharSequence> filter = BloomFilter.create(FUNNEL, MIN_DESIGN_IDS, FALSE_POSITIVE_RATE);
    private volatile long designIds = MIN_DESIGN_IDS;
    /** The filter being built by a rebuild, or null. */
    private volatile BloomFilter<CharSequence> next;
    private volatile long nextDesignIds;
    private volatile boolean complete;
    private final AtomicLong answeredAbsent = new AtomicLong();

    /** False only when the id is certainly not stored; counts those answers. */
    public boolean mightBeStored(String orderUid) {
        if (certainlyNew(orderUid)) {
            answeredAbsent.incrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * True only when no order with this id was stored, as far as this instance can know: for the
     * writer, which then need not look the id up. Unlike {@link #mightBeStored} it counts nothing.
     */
    public boolean certainlyNew(String orderUid) {
        return complete && !filter.mightContain(orderUid);
    }

    public void add(String orderUid) {
        // next is read before filter: an add racing the swap then reaches the new filter either way
        BloomFilter<CharSequence> building = next;
        filter.put(orderUid);
        if (building != null) {
            building.put(orderUid);
        }
    }

    public void addAll(Collection<String> orderUids) {
        orderUids.forEach(this::add);
    }

    /**
     * Sizes the filter for a store that will hold about {@code expectedIds}; only before the first
     * scan, which then fills it. Guava's put and mightContain are safe from several threads at once.
     */
    synchronized void size(long expectedIds) {
        if (!complete && expectedIds > designIds) {
            designIds = expectedIds;
            filter = BloomFilter.create(FUNNEL, expectedIds, FALSE_POSITIVE_RATE);
        }
    }

    /** The first full scan has finished: from now on absent means absent. */
    synchronized void markComplete() {
        complete = true;
    }

    public boolean complete() {
        return complete;
    }

    /** True when the filter holds more ids than it was designed for and no rebuild runs yet. */
    boolean outgrown() {
        return complete && next == null && filter.approximateElementCount() > designIds;
    }

    /** A filter of twice the ids held now starts taking every add; the caller scans the store into it. */
    synchronized void startRebuild() {
        nextDesignIds = Math.max(MIN_DESIGN_IDS, 2 * filter.approximateElementCount());
        next = BloomFilter.create(FUNNEL, nextDesignIds, FALSE_POSITIVE_RATE);
    }

    /** Adds a scanned id to the filter being filled: the new one during a rebuild, else the current one. */
    void addScanned(String orderUid) {
        BloomFilter<CharSequence> building = next;
        (building != null ? building : filter).put(orderUid);
    }

    /** The scan failed: the current filter goes on alone, and the next pass starts over. */
    synchronized void abandonRebuild() {
        next = null;
    }

    synchronized void finishRebuild() {
        filter = next;
        designIds = nextDesignIds;
        next = null;
    }

    /** About how many distinct ids the filter holds. */
    public long approximateIds() {
        return filter.approximateElementCount();
    }

    public long designIds() {
        return designIds;
    }

    /** The chance that an id never stored is reported as maybe stored, as the filter stands now. */
    public double expectedFalsePositiveRate() {
        return filter.expectedFpp();
    }

    /** Lookups answered "not stored" by the filter alone, with no query. */
    public long answeredAbsent() {
        return answeredAbsent.get();
    }
}
