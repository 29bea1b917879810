package dev.orderservice.http;

import dev.orderservice.access.Scope;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One API route: its template ({@code /api/orders/{id}}), the scope a caller needs (null: open to
 * all), whether a read is recorded in the audit log, its methods, and what answers it.
 *
 * <p>{@link Router} first runs {@link #inline} on the thread that parsed the request, usually a
 * Jetty selector thread, where nothing may block: it either answers (returns true) or returns
 * false having touched nothing. A request it leaves, or a route without one, goes to
 * {@link #blocking} on a virtual thread, where reading PostgreSQL is fine. A route has one or both.
 *
 * @param audit   whether each request is recorded in the audit log (it reads personal data)
 * @param methods the methods answered; HEAD goes with GET
 */
record Route(String template, Scope scope, boolean audit, List<String> methods, Inline inline, Endpoint blocking) {

    private static final List<String> GET = List.of("GET");

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
        if (audit && scope == null) {
            throw new IllegalArgumentException(template + ": an audited read needs a scope");
        }
        methods = List.copyOf(methods);
    }

    /** An open GET route answered inline first, then (when that leaves it) blocking. */
    Route(String template, Inline inline, Endpoint blocking) {
        this(template, null, false, GET, inline, blocking);
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

    /** This route, for callers holding the scope only. */
    Route needs(Scope needed) {
        return new Route(template, needed, audit, methods, inline, blocking);
    }

    /** This route, each request recorded in the audit log: it reads personal data. */
    Route audited() {
        return new Route(template, scope, true, methods, inline, blocking);
    }

    /** This route answering these methods (and HEAD with GET) instead of GET alone. */
    Route answering(String... answered) {
        return new Route(template, scope, audit, List.of(answered), inline, blocking);
    }

    boolean answers(String method) {
        return methods.contains(method) || (method.equals("HEAD") && methods.contains("GET"));
    }

    /** The Allow header of a 405 on this route. */
    HttpField allow() {
        return new PreEncodedHttpField(HttpHeader.ALLOW, String.join(", ", methods));
    }
}
