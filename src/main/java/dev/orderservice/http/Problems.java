package dev.orderservice.http;

import dev.orderservice.model.OrderJson;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 9457 problem bodies: every error the API answers is one of these, with a type, a title, a
 * status and a detail written for people. Details never carry exception text or stack traces.
 */
final class Problems {

    static final Header PROBLEM_JSON = HeaderValues.create(HeaderNames.CONTENT_TYPE, "application/problem+json");
    private static final String TYPE_BASE = "https://order-service.dev/problems/";

    private Problems() {
    }

    static void send(ServerResponse res, Status status, String type, String detail) {
        res.status(status);
        res.header(PROBLEM_JSON);
        res.header(HttpApi.NO_STORE);
        res.send(body(status, type, detail));
    }

    /** The JSON bytes of a problem; also what {@link TransportProblems} answers outside routing. */
    static byte[] body(Status status, String type, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", status.reasonPhrase());
        body.put("status", status.code());
        body.put("detail", detail);
        try {
            return OrderJson.mapper().writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serialises", e);
        }
    }

    static void notFound(ServerResponse res, String detail) {
        send(res, Status.NOT_FOUND_404, "not-found", detail);
    }

    static void badRequest(ServerResponse res, String detail) {
        send(res, Status.BAD_REQUEST_400, "bad-request", detail);
    }

    static void unavailable(ServerResponse res, String detail) {
        res.header(HeaderValues.create(HeaderNames.RETRY_AFTER, "2"));
        send(res, Status.SERVICE_UNAVAILABLE_503, "unavailable", detail);
    }
}
