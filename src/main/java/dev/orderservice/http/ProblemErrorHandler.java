package dev.orderservice.http;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Problem bodies for the errors Jetty answers itself: a request it cannot parse (request line,
 * headers, chunking, percent-encoding), a request line or headers over
 * {@link HttpApi#MAX_HEADER_BYTES}, a static file's 416, and a route that threw. Jetty's own
 * answer there is an HTML page or an empty body; this makes it the same
 * {@code application/problem+json} every other error is, for any method. A static file's 304
 * (revalidation) comes this way too, and goes out as it is, without a body.
 *
 * <p>The detail is a fixed sentence per status, never Jetty's message: that message can quote the
 * request, and a transport error is by definition a request nobody should reflect back. A 505
 * (HTTP/0.9, HTTP/2.0 as text) becomes a 400: bytes that are not HTTP/1 are the client's error,
 * as they were with the previous server. A 5xx caused by an exception that is not Jetty's
 * verdict on the request is a fault of ours: it is logged, with the stack trace, and answered
 * without one. (A 503 while the server stops has no exception and is no fault.)
 */
final class ProblemErrorHandler extends ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorHandler.class);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Throwable cause = (Throwable) request.getAttribute(ERROR_EXCEPTION);
        int status = cause instanceof HttpException http ? http.getCode() : response.getStatus();
        if (cause == null && HttpStatus.hasNoBody(status)) {
            callback.succeeded();
            return true;
        }
        if (status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
            status = HttpStatus.BAD_REQUEST_400;
        } else if (status < HttpStatus.BAD_REQUEST_400 || status > 599) {
            status = HttpStatus.INTERNAL_SERVER_ERROR_500;
        }
        if (cause != null && !(cause instanceof HttpException) && status >= HttpStatus.INTERNAL_SERVER_ERROR_500) {
            LOG.error("unexpected error answering {} {}", request.getMethod(), request.getHttpURI().getPath(), cause);
        }
        send(response, callback, status);
        return true;
    }

    /** The problem answer to a request refused before routing, by Jetty or by the router's own limits. */
    static void send(Response response, Callback callback, int status) {
        Problems.send(response, callback, status, "http-" + status, detail(status));
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "the request is not valid HTTP/1.1: check the request line, the headers and the path's "
                    + "percent-encoding";
            case 413 -> "the request body is too large; this API takes no request bodies";
            case 414 -> "the request line is too long; order ids have at most 64 characters";
            case 431 -> "the request headers are too large; the limit is " + HttpApi.MAX_HEADER_BYTES / 1024 + " KiB";
            default -> status >= 500 ? "the service failed to answer; the error is logged"
                    : "the request was refused before it could be routed";
        };
    }
}
