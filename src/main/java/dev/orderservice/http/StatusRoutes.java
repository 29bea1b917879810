package dev.orderservice.http;

import dev.orderservice.cache.OrderCache;
import dev.orderservice.store.Listings;
import java.sql.SQLException;
import java.time.Duration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /api/status}: the figures of the page's status strip. Store counts are exact
 * {@code count(*)}s, so they are reused for {@link #COUNTS_MAX_AGE}: any number of open pages
 * polling costs the database at most one count query per that period.
 */
final class StatusRoutes {

    static final Duration COUNTS_MAX_AGE = Duration.ofSeconds(2);

    /** The status body; {@code storeAvailable} is false (and the counts -1) when PostgreSQL cannot be read. */
    record Status(long orders, long rejected, boolean storeAvailable, long cacheEntries, long cacheBytes,
            long cacheHits, long cacheMisses, Double cacheHitRatio, double ingestPerSecond, int liveClients) {
    }

    private record Sampled(Listings.Counts counts, long atNanos) {
    }

    private final Listings listings;
    private final OrderCache cache;
    private final LiveFeed feed;
    private volatile Sampled sampled;

    StatusRoutes(Listings listings, OrderCache cache, LiveFeed feed) {
        this.listings = listings;
        this.cache = cache;
        this.feed = feed;
    }

    void status(Request req, Response res, Callback callback) {
        Listings.Counts counts = counts();
        long hits = cache.hits();
        long misses = cache.misses();
        Double ratio = hits + misses == 0 ? null : (double) hits / (hits + misses);
        HttpApi.sendJson(res, callback, new Status(counts == null ? -1 : counts.orders(), counts == null ? -1 : counts.rejected(),
                counts != null, cache.size(), cache.usedBytes(), hits, misses, ratio, feed.ordersPerSecond(),
                feed.subscriberCount()));
    }

    private Listings.Counts counts() {
        Sampled last = sampled;
        if (last != null && System.nanoTime() - last.atNanos() < COUNTS_MAX_AGE.toNanos()) {
            return last.counts();
        }
        try {
            Listings.Counts fresh = listings.counts();
            sampled = new Sampled(fresh, System.nanoTime());
            return fresh;
        } catch (SQLException e) {
            return null;
        }
    }
}
