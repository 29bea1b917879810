package dev.orderservice.http;

import dev.orderservice.cache.OrderCache;
import dev.orderservice.store.Listings;
import java.sql.SQLException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /api/status}: the figures of the page's status strip. The store counts are exact and
 * cost O(1) (store/StoreCounts: a sum of at most 64 rows kept by the writers), so each request
 * reads them afresh: every instance answers the same counts at the same moment.
 */
final class StatusRoutes {

    /** The status body; {@code storeAvailable} is false (and the counts -1) when PostgreSQL cannot be read. */
    record Status(long orders, long rejected, boolean storeAvailable, long cacheEntries, long cacheBytes,
            long cacheHits, long cacheMisses, Double cacheHitRatio, double ingestPerSecond, int liveClients) {
    }

    private final Listings listings;
    private final OrderCache cache;
    private final LiveFeed feed;

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
        try {
            return listings.counts();
        } catch (SQLException e) {
            return null;
        }
    }
}
