package dev.orderservice.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orderservice.config.Redaction;
import dev.orderservice.json.Json;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * RFC 9457 problem bodies: every error the API answers is one of these, with a type, a title, a
 * status and a detail written for people. Details never carry exception text or stack traces.
 */
final class Problems {

    static final HttpField PROBLEM_JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/problem+json");
    static final HttpField RETRY_SOON = new PreEncodedHttpField(HttpHeader.RETRY_AFTER, "2");
    private static final String TYPE_BASE = "https://order-service.dev/problems/";

    private Problems() {
    }

    static void send(Response res, Callback callback, int status, String type, String detail) {
        send(res, callback, status, type, detail, Map.of());
    }

    /** As {@link #send(Response, Callback, int, String, String)}, with extension members (RFC 9457 section 3.2). */
    private static void send(Response res, Callback callback, int status, String type, String detail,
            Map<String, String> extensions) {
        res.setStatus(status);
        res.getHeaders().put(PROBLEM_JSON);
        res.getHeaders().put(HttpApi.NO_STORE);
        res.write(true, ByteBuffer.wrap(body(status, type, detail, extensions)), callback);
    }

    /** A problem whose body was encoded once ({@link #encode}), for answers sent at a flood's rate. */
    static void send(Response res, Callback callback, int status, byte[] body) {
        res.setStatus(status);
        res.getHeaders().put(PROBLEM_JSON);
        res.getHeaders().put(HttpApi.NO_STORE);
        res.write(true, ByteBuffer.wrap(body), callback);
    }

    /** The body of a problem, to be sent many times. */
    static byte[] encode(int status, String type, String detail) {
        return body(status, type, detail, Map.of());
    }

    private static byte[] body(int status, String type, String detail, Map<String, String> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", HttpStatus.getMessage(status));
        body.put("status", status);
        // details are written for people and may quote what a client sent; the redaction step
        // is the guarantee that no setting's secret goes out, whatever a future detail says
        body.put("detail", Redaction.process().redact(detail));
        body.putAll(extensions);
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serialises", e);
        }
    }

    static void notFound(Response res, Callback callback, String detail) {
        send(res, callback, HttpStatus.NOT_FOUND_404, "not-found", detail);
    }

    static void badRequest(Response res, Callback callback, String detail) {
        send(res, callback, HttpStatus.BAD_REQUEST_400, "bad-request", detail);
    }

    /** A 400 about one query parameter: the detail names it, and so does the member {@code parameter}. */
    static void badParameter(Response res, Callback callback, String parameter, String detail) {
        send(res, callback, HttpStatus.BAD_REQUEST_400, "bad-request", detail, Map.of("parameter", parameter));
    }

    static void unavailable(Response res, Callback callback, String detail) {
        res.getHeaders().put(RETRY_SOON);
        send(res, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "unavailable", detail);
    }
}
