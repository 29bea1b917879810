package dev.orderservice.http;

import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Times every request into {@code http.server.requests}, tagged with the matched route's
 * <em>template</em> ({@code /api/orders/{id}}), never the raw path, so the number of series stays
 * bounded whatever clients ask for.
 *
 * <p>This filter sits in front of the hot path (a cache hit on {@code GET /api/orders/{id}}), so a
 * request costs two {@code nanoTime}s, one map lookup by the route string Helidon already holds
 * and one array read: the timer of each (route, method, status) is built once, on first use.
 */
final class HttpMetrics implements Filter {

    static final String NAME = "http.server.requests";
    /** Requests no route matched (404s of the fallback, probes of random paths) share one tag. */
    static final String UNMATCHED = "UNMATCHED";
    /** Past this many templates (there are about a dozen) further ones are counted as one. */
    private static final int MAX_ROUTES = 64;
    private static final String OTHER_ROUTE = "OTHER";
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "OTHER"};
    private static final int STATUS_CODES = 600;
    /** Bucket bounds for the latency histogram: a cache hit takes microseconds, a page of the store milliseconds. */
    private static final Duration[] BUCKETS = {Duration.ofNanos(100_000), Duration.ofNanos(250_000),
        Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5)};

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, AtomicReferenceArray<Timer>> routes = new ConcurrentHashMap<>();

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        int status = 0;
        try {
            chain.proceed();
        } catch (HttpException e) {
            status = e.status().code();
            throw e;
        } catch (RuntimeException | Error e) {
            status = 500;
            throw e;
        } finally {
            if (status == 0) {
                status = res.status().code();
            }
            timer(req.matchingPattern().orElse(UNMATCHED), methodIndex(req.prologue().method()), status)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(String route, int method, int status) {
        AtomicReferenceArray<Timer> timers = routes.get(route);
        if (timers == null) {
            route = routes.size() < MAX_ROUTES ? route : OTHER_ROUTE;
            timers = routes.computeIfAbsent(route, r -> new AtomicReferenceArray<>(METHODS.length * STATUS_CODES));
        }
        int slot = method * STATUS_CODES + (status >= 0 && status < STATUS_CODES ? status : 0);
        Timer timer = timers.get(slot);
        if (timer == null) {
            timer = Timer.builder(NAME).description("HTTP requests by route template, method and status")
                    .tag("route", template(route)).tag("method", METHODS[method]).tag("status", String.valueOf(status))
                    .serviceLevelObjectives(BUCKETS).register(registry);
            timers.set(slot, timer);
        }
        return timer;
    }

    /**
     * The tag for a matched pattern: Helidon reports an unmatched request as an empty pattern, and a
     * service's root route with the slash it was registered with ({@code /api/orders/}).
     */
    static String template(String pattern) {
        if (pattern.isEmpty()) {
            return UNMATCHED;
        }
        return pattern.length() > 1 && pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
    }

    private static int methodIndex(Method method) {
        if (method == Method.GET) {
            return 0;
        }
        for (int i = 1; i < METHODS.length - 1; i++) {
            if (METHODS[i].equals(method.text())) {
                return i;
            }
        }
        return METHODS.length - 1;
    }
}
