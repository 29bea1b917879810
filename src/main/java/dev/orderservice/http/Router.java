package dev.orderservice.http;

import dev.orderservice.access.Authentication;
import java.util.List;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The server's one handler: limits, method check, {@link Routes} lookup, the access check of a
 * route that needs a scope ({@link Guard}), then the route's inline answer on the calling thread
 * or its blocking one on a virtual thread; static files and the 404 problem for every other path.
 *
 * <p>It is a non-blocking handler, so Jetty calls it on the selector thread that parsed the
 * request, with no hand-off: a cache hit is answered there. Everything that may block (PostgreSQL,
 * the metrics scrape, a live stream, reading a file) is handed to {@link #blocking}, never run on
 * a selector thread; so is verifying a JWT the first time it is seen. The static file handlers are children of this container, so they start and
 * stop with the server.
 */
final class Router extends Handler.AbstractContainer {

    private static final HttpField ALLOW_GET = new PreEncodedHttpField(HttpHeader.ALLOW, "GET");

    private final Routes routes;
    private final HttpMetrics metrics;
    private final Executor blocking;
    private final Guard guard;

    Router(Routes routes, HttpMetrics metrics, Executor blocking, Guard guard) {
        super(false);
        this.routes = routes;
        this.metrics = metrics;
        this.blocking = blocking;
        this.guard = guard;
        routes.mounts().forEach(this::addBean);
    }

    @Override
    public List<Handler> getHandlers() {
        return List.copyOf(routes.mounts());
    }

    /** Whatever the children are: this handler never blocks, it hands blocking work to {@link #blocking}. */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        HttpMetrics.Timing timing = metrics.start(request, response, callback);
        try {
            route(request, response, timing);
        } catch (Throwable t) {
            timing.failed(t);
        }
        return true;
    }

    private void route(Request request, Response response, HttpMetrics.Timing timing) throws Exception {
        HttpURI uri = request.getHttpURI();
        String path = uri.getCanonicalPath();
        if (request.getLength() > HttpApi.MAX_REQUEST_BYTES) {
            ProblemErrorHandler.send(response, timing, HttpStatus.PAYLOAD_TOO_LARGE_413);
            return;
        }
        if (path == null) {
            Problems.badRequest(response, timing, "the request target must be a path");
            return;
        }
        String query = uri.getQuery();
        if (path.length() + (query == null ? 0 : query.length()) > HttpApi.MAX_TARGET_CHARS) {
            ProblemErrorHandler.send(response, timing, HttpStatus.URI_TOO_LONG_414);
            return;
        }
        int number = routes.find(path);
        Route route = number == Routes.NONE ? null : routes.route(number);
        String method = request.getMethod();
        if (route == null ? !method.equals("GET") && !method.equals("HEAD") : !route.answers(method)) {
            refuse(response, timing, number, route == null ? ALLOW_GET : route.allow());
            return;
        }
        if (!path.startsWith("/")) {
            Problems.badRequest(response, timing, "the request target must be a path");
            return;
        }
        if (query != null) {
            Request.extractQueryParameters(request);
        }
        if (route == null) {
            files(request, response, timing, routes.mount(path));
            return;
        }
        timing.route(number);
        if (route.scope() == null) {
            dispatch(route, request, response, timing);
            return;
        }
        Authentication auth = guard.authenticate(request);
        if (auth.outcome() == Authentication.Outcome.PENDING) {
            // a JWT not seen before: verifying it may fetch the issuer's keys, never on a selector thread
            blocking.execute(() -> serve((q, s, c) -> {
                if (guard.admit(route, guard.verify(q), q, s, c)) {
                    serveHere(route, q, s, c);
                }
            }, request, response, timing));
        } else if (guard.admit(route, auth, request, response, timing)) {
            dispatch(route, request, response, timing);
        }
    }

    /** On the calling thread: the route's inline answer, or its blocking one handed to a virtual thread. */
    private void dispatch(Route route, Request request, Response response, HttpMetrics.Timing timing) throws Exception {
        if (route.inline() == null || !route.inline().tryServe(request, response, timing)) {
            blocking.execute(() -> serve(route.blocking(), request, response, timing));
        }
    }

    /** Already on a virtual thread: both of the route's answers run here. */
    private static void serveHere(Route route, Request request, Response response, Callback callback) throws Exception {
        if (route.inline() == null || !route.inline().tryServe(request, response, callback)) {
            route.blocking().serve(request, response, callback);
        }
    }

    private static void serve(Route.Endpoint endpoint, Request request, Response response, Callback callback) {
        try {
            endpoint.serve(request, response, callback);
        } catch (Throwable t) {
            callback.failed(t);
        }
    }

    /** A method the path does not answer: 405 with what it does, tagged with the route when there is one. */
    private static void refuse(Response response, HttpMetrics.Timing timing, int number, HttpField allow) {
        if (number != Routes.NONE) {
            timing.route(number);
        }
        PageHeaders.add(response.getHeaders());
        response.getHeaders().put(allow);
        Problems.send(response, timing, HttpStatus.METHOD_NOT_ALLOWED_405, "method-not-allowed",
                "this path does not answer that method; the Allow header says which it does");
    }

    private void files(Request request, Response response, HttpMetrics.Timing timing, int mount) {
        timing.route(mount);
        PageHeaders.add(response.getHeaders());
        blocking.execute(() -> serve((q, s, c) -> {
            if (!routes.files(mount).handle(q, s, c)) {
                timing.unmatched();
                Problems.notFound(s, c, "there is nothing at this path; see /openapi.yaml or the README for the API");
            }
        }, request, response, timing));
    }
}
