package dev.orderservice.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orderservice.cache.OrderCache;
import dev.orderservice.model.OrderJson;
import dev.orderservice.store.Listings;
import dev.orderservice.store.OrderReader;
import dev.orderservice.store.Page;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side: routes, limits and error handling. {@link #routing} is what both the server and
 * the tests use, so tests exercise the real routes.
 */
public final class HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    static final Header JSON = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/json");
    static final Header NO_STORE = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "no-store");
    private static final Header PROMETHEUS = HeaderValues.createCached(HeaderNames.CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8");
    /** The API takes no request bodies; anything larger than this is refused unread. */
    public static final long MAX_REQUEST_BYTES = 16 * 1024;
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    /** Everything the routes need, built by the one wiring place. */
    public record Parts(OrderCache cache, OrderReader reader, Listings listings, Readiness readiness,
            PrometheusMeterRegistry metrics, LiveFeed live) {

        /** Without a live feed: the page's live list and ingest rate stay empty. */
        public Parts(OrderCache cache, OrderReader reader, Listings listings, Readiness readiness,
                PrometheusMeterRegistry metrics) {
            this(cache, reader, listings, readiness, metrics, new LiveFeed());
        }
    }

    private HttpApi() {
    }

    /**
     * Starts the server on the port (0 for any free one).
     */
    public static WebServer start(String host, int port, Parts parts) {
        return WebServer.builder()
                .host(host)
                .port(port)
                .shutdownHook(false)
                .maxPayloadSize(MAX_REQUEST_BYTES)
                .directHandlers(TransportProblems.all())
                .addProtocol(io.helidon.webserver.http1.Http1Config.builder()
                        .maxHeadersSize(MAX_HEADER_BYTES)
                        .maxPrologueLength(4096)
                        .build())
                .routing(rules -> routing(rules, parts))
                .build()
                .start();
    }

    public static void routing(HttpRouting.Builder rules, Parts parts) {
        rules.addFilter(new HttpMetrics(parts.metrics()))
                .register("/api/orders", new OrderRoutes(parts.cache(), parts.reader(), parts.listings()))
                .register("/api/rejected", new RejectedRoutes(parts.listings()))
                .register("/api/events", new LiveRoutes(parts.live()))
                .register("/api/status", new StatusRoutes(parts.listings(), parts.cache(), parts.live()))
                .register("/health", new HealthRoutes(parts.readiness()))
                .get("/metrics", (req, res) -> {
                    res.header(PROMETHEUS);
                    res.send(parts.metrics().scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                })
                .get(OpenApiDocument.PATH, OpenApiDocument.handler())
                // The page's routes come after every API route, so API answers skip PageHeaders.
                .register("/", new PageHeaders())
                .register(WebAssets.BOOTSTRAP_PATH, WebAssets.bootstrap())
                .register("/", WebAssets.page())
                .any(HttpApi::fallback)
                .error(Throwable.class, HttpApi::unexpected);
    }

    private static void fallback(ServerRequest req, ServerResponse res) {
        Method method = req.prologue().method();
        if (method != Method.GET && method != Method.HEAD) {
            res.header(HeaderValues.create(HeaderNames.ALLOW, "GET"));
            Problems.send(res, Status.METHOD_NOT_ALLOWED_405, "method-not-allowed",
                    "this API only answers GET requests");
            return;
        }
        Problems.notFound(res, "there is nothing at this path; see /openapi.yaml or the README for the API");
    }

    private static void unexpected(ServerRequest req, ServerResponse res, Throwable error) {
        if (error instanceof io.helidon.http.HttpException http) {
            answer(res, http);
            return;
        }
        LOG.error("unexpected error answering {} {}", req.prologue().method().text(), req.path().path(), error);
        if (!res.isSent()) {
            Problems.send(res, Status.INTERNAL_SERVER_ERROR_500, "internal", "the service failed to answer; "
                    + "the error is logged");
        }
    }

    /**
     * Helidon signals ordinary answers with exceptions too: static content answers a browser's
     * revalidation (If-None-Match) with a 304 this way. Those are answers, not failures.
     */
    private static void answer(ServerResponse res, io.helidon.http.HttpException http) {
        if (res.isSent()) {
            return;
        }
        Status status = http.status();
        if (status.code() == Status.NOT_MODIFIED_304.code()) {
            res.status(status);
            res.send();
            return;
        }
        Problems.send(res, status, "http-" + status.code(), status.reasonPhrase());
    }

    static void sendJson(ServerResponse res, Object body) {
        res.header(JSON);
        res.header(NO_STORE);
        try {
            res.send(OrderJson.mapper().writeValueAsBytes(body));
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
}
