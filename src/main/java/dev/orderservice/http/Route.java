package dev.orderservice.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One API route: its template ({@code /api/orders/{id}}) and what answers it.
 *
 * <p>{@link Router} first runs {@link #inline} on the thread that parsed the request, usually a
 * Jetty selector thread, where nothing may block: it either answers (returns true) or returns
 * false having touched nothing. A request it leaves, or a route without one, goes to
 * {@link #blocking} on a virtual thread, where reading PostgreSQL is fine. A route has one or both.
 */
record Route(String template, Inline inline, Endpoint blocking) {

    /** Answers the request: sets the response and completes the callback, now or later. */
    @FunctionalInterface
    interface Endpoint {
        void serve(Request request, Response response, Callback callback) throws Exception;
    }

    /** A non-blocking first attempt: true when it answered, false to have the blocking endpoint run. */
    @FunctionalInterface
    interface Inline {
        boolean tryServe(Request request, Response response, Callback callback) throws Exception;
    }

    Route {
        if (inline == null && blocking == null) {
            throw new IllegalArgumentException(template + " has nothing to answer it");
        }
    }

    /** A route whose answer never blocks (bytes in memory, counters). */
    static Route inline(String template, Endpoint endpoint) {
        return new Route(template, (request, response, callback) -> {
            endpoint.serve(request, response, callback);
            return true;
        }, null);
    }

    /** A route that may block (PostgreSQL, a metrics scrape, a live stream): always on a virtual thread. */
    static Route blocking(String template, Endpoint endpoint) {
        return new Route(template, null, endpoint);
    }
}
