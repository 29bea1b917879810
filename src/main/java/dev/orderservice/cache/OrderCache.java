package dev.orderservice.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;

/**
 * Orders as ready-to-send response bytes, bounded by a byte budget.
 *
 * <p>Each entry is weighed by what it really costs on the heap: the JSON bytes plus the key and
 * the cache's own per-entry bookkeeping, so the budget bounds memory, not just payload. Entries
 * are only ever added with the exact bytes of a committed order; since orders are immutable an
 * entry is never stale, only evicted, or removed when its order is erased.
 */
public final class OrderCache {

    /** Array and string headers, the cache node and its hash-table slot, measured on a 64-bit JVM. */
    static final int ENTRY_OVERHEAD_BYTES = 112;

    private final Cache<String, byte[]> entries;
    private final long maxBytes;

    public OrderCache(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the cache budget must be positive, is " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher(OrderCache::weigh)
                .executor(Runnable::run)
                .recordStats()
                .build();
    }

    static int weigh(String orderUid, byte[] json) {
        return json.length + orderUid.length() + ENTRY_OVERHEAD_BYTES;
    }

    /** The response bytes of this order, or null when not cached. */
    public byte[] get(String orderUid) {
        return entries.getIfPresent(orderUid);
    }

    public void put(String orderUid, byte[] json) {
        entries.put(orderUid, json);
    }

    /** Adds the entry unless one is present; warm-up uses it so it never displaces fresher data. */
    public void putIfAbsent(String orderUid, byte[] json) {
        entries.asMap().putIfAbsent(orderUid, json);
    }

    /** Forgets the order (it was erased); true when it was held. */
    public boolean remove(String orderUid) {
        return entries.asMap().remove(orderUid) != null;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** The weighed size of what is held now, in bytes. */
    public long usedBytes() {
        return entries.policy().eviction().map(Policy.Eviction::weightedSize)
                .map(w -> w.orElse(0L)).orElse(0L);
    }

    public long size() {
        return entries.estimatedSize();
    }

    public long hits() {
        return entries.stats().hitCount();
    }

    public long misses() {
        return entries.stats().missCount();
    }

    /** Runs pending evictions now; tests and metrics use it to read settled figures. */
    public void settle() {
        entries.cleanUp();
    }
}
