package dev.orderservice.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orderservice.access.Access;
import dev.orderservice.access.Scope;
import dev.orderservice.cache.OrderCache;
import dev.orderservice.config.SettingException;
import dev.orderservice.json.Json;
import dev.orderservice.store.Listings;
import dev.orderservice.store.OrderReader;
import dev.orderservice.store.Page;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP side, on Jetty 12 core (no servlet layer): routes, who may read them, limits and error
 * handling.
 * {@link #routes} builds the routing table that both the server and the tests use, so tests
 * exercise the real routes.
 *
 * <p>Why Jetty: a cache hit must cost about what a static file server spends on the same bytes,
 * and Jetty's selector threads answer a hit inline, with no hand-off to another thread.
 */
public final class HttpApi {

    static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
    static final HttpField NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");
    private static final Pattern SAMPLE_SUFFIX = Pattern.compile("_(total|count|sum|bucket|created)$");
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final HttpField PROMETHEUS = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, PROMETHEUS_TEXT);
    /** The API takes no request bodies; a request declaring more than this is refused unread. */
    public static final long MAX_REQUEST_BYTES = 16 * 1024;
    /** Request line and headers together. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    /** Longest request target (path and query) routed; order ids have at most 64 characters. */
    static final int MAX_TARGET_CHARS = 4096;

    /** Everything the routes need, built by the one wiring place. */
    public record Parts(OrderCache cache, OrderReader reader, Listings listings, Readiness readiness,
            PrometheusMeterRegistry metrics, LiveFeed live, Access access) {

        /** The parts of a service without authentication. */
        public Parts(OrderCache cache, OrderReader reader, Listings listings, Readiness readiness,
                PrometheusMeterRegistry metrics, LiveFeed live) {
            this(cache, reader, listings, readiness, metrics, live, Access.open());
        }
    }

    private HttpApi() {
    }

    /**
     * Starts the server on the port (0 for any free one), speaking HTTPS when {@code https} is given.
     *
     * @param https the certificate files, or null for plain HTTP
     * @throws UncheckedIOException when it cannot listen there
     * @throws SettingException     when the certificate files cannot be used
     */
    public static HttpServer start(String host, int port, HttpsFiles https, Parts parts) throws SettingException {
        return HttpServer.start(host, port, https, routes(parts), parts.metrics(), new Guard(parts.access()),
                parts.live().admission());
    }

    /**
     * Every route with the scope it needs (none: open to all) and whether its reads are audited,
     * then the page's files, which take every path no route serves and are open.
     */
    static Routes routes(Parts parts) {
        OrderRoutes orders = new OrderRoutes(parts.cache(), parts.reader(), parts.listings(), parts.access().required());
        HealthRoutes health = new HealthRoutes(parts.readiness());
        SessionRoutes session = new SessionRoutes(parts.access());
        byte[] openApi = OpenApiDocument.load();
        return Routes.builder()
                .get(new Route("/api/orders/{id}", orders::getCached, orders::getStored).needs(Scope.ORDERS_READ)
                        .audited())
                .collection(Route.blocking("/api/orders", orders::list).needs(Scope.ORDERS_LIST).audited())
                .get(Route.blocking("/api/orders.csv", new OrderExport(parts.listings())::export)
                        .needs(Scope.ORDERS_LIST).audited())
                .collection(Route.blocking("/api/rejected", new RejectedRoutes(parts.listings())::list)
                        .needs(Scope.REJECTED_READ).audited())
                .get(Route.inline("/api/rejected/reasons", RejectedRoutes::reasons).needs(Scope.REJECTED_READ)
                        .audited())
                .collection(Route.blocking("/api/events", new LiveRoutes(parts.live())::stream)
                        .needs(Scope.ORDERS_LIST).audited())
                .collection(Route.blocking("/api/status", new StatusRoutes(parts.listings(), parts.cache(),
                        parts.live())::status).needs(Scope.ORDERS_LIST))
                .get(new Route(SessionRoutes.PATH, session::serveInMemory, session::signIn)
                        .answering("GET", "POST", "DELETE"))
                .get(Route.inline("/health/live", health::live))
                .get(Route.blocking("/health/ready", health::ready))
                .get(Route.blocking("/metrics", (req, res, callback) -> {
                    res.getHeaders().put(PROMETHEUS);
                    res.write(true, ByteBuffer.wrap(scrape(parts.metrics(), req).getBytes(StandardCharsets.UTF_8)),
                            callback);
                }).needs(Scope.OPS))
                .get(Route.inline(OpenApiDocument.PATH, (req, res, callback) -> OpenApiDocument.send(openApi, res,
                        callback)))
                .files(WebAssets.bootstrap())
                .files(WebAssets.page())
                .build();
    }

    static void sendJson(Response res, Callback callback, Object body) {
        res.getHeaders().put(JSON);
        res.getHeaders().put(NO_STORE);
        try {
            res.write(true, ByteBuffer.wrap(Json.mapper().writeValueAsBytes(body)), callback);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response bodies are plain records and maps", e);
        }
    }

    static Map<String, Object> page(Page<?> page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items());
        body.put("next", page.next() == null ? null : String.valueOf(page.next()));
        return body;
    }

    /**
     * Every meter, or with {@code name[]=...} (Prometheus' own convention, as its client libraries
     * serve it) only the families named: a probe that reads one counter need not render them all.
     * A name may be given as a sample shows it ({@code orders_ingested_total}, {@code ..._count}):
     * the registry names a family without those suffixes.
     */
    private static String scrape(PrometheusMeterRegistry metrics, Request req) {
        List<String> names = Request.extractQueryParameters(req).getValuesOrEmpty("name[]");
        if (names.isEmpty()) {
            return metrics.scrape();
        }
        Set<String> families = new HashSet<>(names);
        for (String name : names) {
            families.add(SAMPLE_SUFFIX.matcher(name).replaceFirst(""));
        }
        return metrics.scrape(PROMETHEUS_TEXT, families);
    }
}
