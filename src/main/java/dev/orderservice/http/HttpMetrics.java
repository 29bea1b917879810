package dev.orderservice.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Times every routed request into {@code http.server.requests}, tagged with the route's
 * <em>template</em> ({@code /api/orders/{id}}), never the raw path, so the number of series stays
 * bounded whatever clients ask for. Requests no route or file serves share {@link #UNMATCHED}.
 *
 * <p>This sits in front of the hot path (a cache hit on {@code GET /api/orders/{id}}), so a request
 * costs two {@code nanoTime}s, one small callback object and one array read: the routes are known
 * when the table is built, and the timer of each (route, method, status) is registered once, on
 * first use. A request is timed until its callback completes, i.e. until the answer is written.
 */
final class HttpMetrics {

    static final String NAME = "http.server.requests";
    /** Requests no route matched (404s of the fallback, probes of random paths) share one tag. */
    static final String UNMATCHED = "UNMATCHED";
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "OTHER"};
    private static final int STATUS_CODES = 600;
    /** Bucket bounds for the latency histogram: a cache hit takes microseconds, a page of the store milliseconds. */
    private static final Duration[] BUCKETS = {Duration.ofNanos(100_000), Duration.ofNanos(250_000),
        Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5)};

    private final MeterRegistry registry;
    /** Route templates by number, then {@link #UNMATCHED}. */
    private final String[] routes;
    private final AtomicReferenceArray<Timer> timers;

    HttpMetrics(MeterRegistry registry, List<String> templates) {
        this.registry = registry;
        this.routes = new String[templates.size() + 1];
        for (int i = 0; i < templates.size(); i++) {
            routes[i] = templates.get(i);
        }
        routes[templates.size()] = UNMATCHED;
        this.timers = new AtomicReferenceArray<>(routes.length * METHODS.length * STATUS_CODES);
    }

    /** Starts timing a request; its route is {@link #UNMATCHED} until {@link Timing#route} says otherwise. */
    Timing start(Request request, Response response, Callback callback) {
        return new Timing(callback, response, methodIndex(request.getMethod()), routes.length - 1);
    }

    private void record(int route, int method, int status, long nanos) {
        int code = status >= 0 && status < STATUS_CODES ? status : 0;
        int slot = (route * METHODS.length + method) * STATUS_CODES + code;
        Timer timer = timers.get(slot);
        if (timer == null) {
            timer = Timer.builder(NAME).description("HTTP requests by route template, method and status")
                    .tag("route", routes[route]).tag("method", METHODS[method]).tag("status", String.valueOf(status))
                    .serviceLevelObjectives(BUCKETS).register(registry);
            timers.set(slot, timer);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private static int methodIndex(String method) {
        if (method.equals("GET")) {
            return 0;
        }
        for (int i = 1; i < METHODS.length - 1; i++) {
            if (METHODS[i].equals(method)) {
                return i;
            }
        }
        return METHODS.length - 1;
    }

    /**
     * The request's callback, wrapped: records the request when it completes. A failure is recorded
     * with the status Jetty will answer (the exception's, else 500), unless the answer was already
     * under way.
     */
    final class Timing implements Callback {

        private final Callback callback;
        private final Response response;
        private final int method;
        private final long start = System.nanoTime();
        private int route;

        private Timing(Callback callback, Response response, int method, int route) {
            this.callback = callback;
            this.response = response;
            this.method = method;
            this.route = route;
        }

        /** Tags the request with the route (or mount) of this number; the router calls it before answering. */
        void route(int number) {
            route = number;
        }

        /** Tags the request as served by nothing: a path without a route or a file. */
        void unmatched() {
            route = routes.length - 1;
        }

        @Override
        public void succeeded() {
            record(route, method, response.getStatus(), System.nanoTime() - start);
            callback.succeeded();
        }

        @Override
        public void failed(Throwable x) {
            int status = x instanceof HttpException http ? http.getCode() : response.isCommitted() ? response.getStatus() : 500;
            record(route, method, status, System.nanoTime() - start);
            callback.failed(x);
        }

        @Override
        public InvocationType getInvocationType() {
            return callback.getInvocationType();
        }
    }
}
