package dev.orderservice.http;

import dev.orderservice.cache.OrderCache;
import dev.orderservice.model.OrderId;
import dev.orderservice.store.Listings;
import dev.orderservice.store.OrderReader;
import dev.orderservice.store.Page;
import dev.orderservice.store.ReadThroughs;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /api/orders/{order_uid}}: the order's bytes straight from the cache (HIT), or read
 * through from PostgreSQL and cached (MISS). {@code GET /api/orders}: newest-first summaries, or
 * the console's search.
 *
 * <p>The hit is the hot path and runs inline on a selector thread: one substring for the id, one
 * cache lookup, three or four pre-encoded headers and one write of bytes serialised once. Only a miss
 * goes to a virtual thread ({@link #getStored}), since it may wait for PostgreSQL.
 */
final class OrderRoutes {

    static final String PREFIX = "/api/orders/";
    private static final HttpField HIT = new PreEncodedHttpField("X-Cache", "HIT");
    private static final HttpField MISS = new PreEncodedHttpField("X-Cache", "MISS");
    /**
     * Orders never change once stored, so without authentication the browser may keep one as long
     * as it likes; never a shared cache, since an order is personal data.
     */
    private static final HttpField PRIVATE_IMMUTABLE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL,
            "private, max-age=86400, immutable");
    /** With authentication, nothing keeps an order: not after sign-out, not for the next user of the browser. */
    private static final HttpField VARY_CREDENTIALS = new PreEncodedHttpField(HttpHeader.VARY, "Authorization, Cookie");

    private final OrderCache cache;
    private final OrderReader reader;
    private final Listings listings;
    private final HttpField cacheControl;
    private final HttpField vary;

    OrderRoutes(OrderCache cache, OrderReader reader, Listings listings, boolean authenticated) {
        this.cache = cache;
        this.reader = reader;
        this.listings = listings;
        this.cacheControl = authenticated ? HttpApi.NO_STORE : PRIVATE_IMMUTABLE;
        this.vary = authenticated ? VARY_CREDENTIALS : null;
    }

    /**
     * Inline: answers a hit, a malformed id or one the id filter knows was never stored; false
     * (nothing written) for an id to look up in the store.
     */
    boolean getCached(Request req, Response res, Callback callback) {
        String id = id(req);
        if (!OrderId.isWellFormed(id)) {
            Problems.badRequest(res, callback, "an order id is " + OrderId.describe());
            return true;
        }
        byte[] json = cache.get(id);
        if (json == null) {
            if (reader.knownAbsent(id)) {
                Problems.notFound(res, callback, "no order with id " + id);
                return true;
            }
            return false;
        }
        send(res, callback, json, HIT);
        return true;
    }

    /** Blocking: a well-formed id the cache did not hold, read through from PostgreSQL. */
    void getStored(Request req, Response res, Callback callback) {
        String id = id(req);
        Optional<byte[]> stored;
        try {
            stored = reader.findJson(id);
        } catch (ReadThroughs.Refused e) {
            Problems.unavailable(res, callback, "too many lookups of uncached orders at once; try again shortly");
            return;
        } catch (SQLException e) {
            Problems.unavailable(res, callback, "the order store is unavailable; try again shortly");
            return;
        }
        if (stored.isEmpty()) {
            Problems.notFound(res, callback, "no order with id " + id);
            return;
        }
        cache.put(id, stored.get());
        send(res, callback, stored.get(), MISS);
    }

    private static String id(Request req) {
        return req.getHttpURI().getCanonicalPath().substring(PREFIX.length());
    }

    private void send(Response res, Callback callback, byte[] json, HttpField cacheStatus) {
        HttpFields.Mutable headers = res.getHeaders();
        headers.add(HttpApi.JSON);
        headers.add(cacheStatus);
        headers.add(cacheControl);
        if (vary != null) {
            headers.add(vary);
        }
        res.write(true, ByteBuffer.wrap(json), callback);
    }

    /** Newest-first summaries, optionally a search (see {@link SearchQuery#orders}); the list is one query. */
    void list(Request req, Response res, Callback callback) {
        SearchQuery.Parsed<Listings.OrderFilter> query = SearchQuery.orders(Request.extractQueryParameters(req));
        if (query.refusal() != null) {
            Problems.badParameter(res, callback, query.refusal().parameter(), query.refusal().detail());
            return;
        }
        Page<Listings.OrderSummary> page;
        try {
            page = listings.orders(query.filter(), query.paging().before(), query.paging().limit());
        } catch (SQLException e) {
            Problems.unavailable(res, callback, "the order store is unavailable; try again shortly");
            return;
        }
        HttpApi.sendJson(res, callback, HttpApi.page(page));
    }
}
