package dev.orderservice.http;

import dev.orderservice.cache.OrderCache;
import dev.orderservice.model.OrderId;
import dev.orderservice.store.Listings;
import dev.orderservice.store.OrderReader;
import dev.orderservice.store.Page;
import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@code GET /api/orders/{order_uid}}: the order's bytes straight from the cache (HIT), or read
 * through from PostgreSQL and cached (MISS). {@code GET /api/orders}: newest-first summaries.
 */
final class OrderRoutes implements HttpService {

    private static final Header HIT = HeaderValues.createCached("X-Cache", "HIT");
    private static final Header MISS = HeaderValues.createCached("X-Cache", "MISS");
    /** Orders never change once stored, so a client may keep one as long as it likes. */
    private static final Header IMMUTABLE = HeaderValues.createCached("Cache-Control", "public, max-age=86400, immutable");

    private final OrderCache cache;
    private final OrderReader reader;
    private final Listings listings;

    OrderRoutes(OrderCache cache, OrderReader reader, Listings listings) {
        this.cache = cache;
        this.reader = reader;
        this.listings = listings;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .get("/{id}", this::get);
    }

    private void get(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        if (!OrderId.isWellFormed(id)) {
            Problems.badRequest(res, "an order id is " + OrderId.describe());
            return;
        }
        byte[] json = cache.get(id);
        if (json != null) {
            send(res, json, HIT);
            return;
        }
        Optional<byte[]> stored;
        try {
            stored = reader.findJson(id);
        } catch (SQLException e) {
            Problems.unavailable(res, "the order store is unavailable; try again shortly");
            return;
        }
        if (stored.isEmpty()) {
            Problems.notFound(res, "no order with id " + id);
            return;
        }
        json = stored.get();
        cache.put(id, json);
        send(res, json, MISS);
    }

    private static void send(ServerResponse res, byte[] json, Header cacheStatus) {
        res.header(HttpApi.JSON);
        res.header(cacheStatus);
        res.header(IMMUTABLE);
        res.send(json);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<Cursors.Paging> paging = Cursors.of(req);
        if (paging.isEmpty()) {
            Problems.badRequest(res, Cursors.describe());
            return;
        }
        Page<Listings.OrderSummary> page;
        try {
            page = listings.orders(paging.get().before(), paging.get().limit());
        } catch (SQLException e) {
            Problems.unavailable(res, "the order store is unavailable; try again shortly");
            return;
        }
        HttpApi.sendJson(res, HttpApi.page(page));
    }
}
