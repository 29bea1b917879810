package dev.orderservice.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Problem bodies for the errors Helidon answers before a request reaches routing: a malformed
 * request line, header or path encoding, a request line or headers over the limits, a body over
 * {@link HttpApi#MAX_REQUEST_BYTES}. Helidon's own answer there is an empty or plain-text body;
 * this makes it the same {@code application/problem+json} every other error is.
 *
 * <p>The detail is a fixed sentence per status, never Helidon's message: that message can quote
 * the request, and a transport error is by definition a request nobody should reflect back.
 */
final class TransportProblems implements DirectHandler {

    private TransportProblems() {
    }

    /** The handler for every kind of transport event, for {@code WebServer.builder().directHandlers(...)}. */
    static DirectHandlers all() {
        TransportProblems handler = new TransportProblems();
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    /**
     * Helidon reports a request line it cannot parse (a method with an illegal character, say
     * {@code G@T}) as an internal error: its parser throws an IllegalArgumentException, which the
     * connection's catch-all turns into a 500 with no request attached. Every exception inside our
     * routes is answered by their own error handler, so what reaches that catch-all is, in
     * practice, a request Helidon could not read: the client's error, 400. A genuine fault of
     * Helidon's would be answered 400 too; it is logged either way (by Helidon, as a warning).
     */
    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
            ServerResponseHeaders headers, String message) {
        if (eventType == EventType.INTERNAL_ERROR && request.method().isEmpty()) {
            return problem(EventType.BAD_REQUEST, Status.BAD_REQUEST_400, headers);
        }
        return problem(eventType, status, headers);
    }

    private static TransportResponse problem(EventType eventType, Status status, ServerResponseHeaders headers) {
        headers.set(Problems.PROBLEM_JSON);
        headers.set(HttpApi.NO_STORE);
        headers.remove(HeaderNames.CONTENT_LENGTH);
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .keepAlive(eventType.keepAlive())
                .entity(Problems.body(status, "http-" + status.code(), detail(status)))
                .build();
    }

    static String detail(Status status) {
        return switch (status.code()) {
            case 400 -> "the request is not valid HTTP: check the request line, the headers and the path's "
                    + "percent-encoding";
            case 413 -> "the request body is too large; this API takes no request bodies";
            case 414 -> "the request line is too long; order ids have at most 64 characters";
            case 431 -> "the request headers are too large; the limit is " + HttpApi.MAX_HEADER_BYTES / 1024 + " KiB";
            case 505 -> "only HTTP/1.1 is spoken here";
            default -> status.code() >= 500 ? "the service failed to answer; the error is logged"
                    : "the request was refused before it could be routed";
        };
    }
}
