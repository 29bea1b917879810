package dev.orderservice.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /health/live}: the process answers (inline: it must answer even when every virtual thread
 * waits for PostgreSQL). {@code /health/ready}: it can serve and ingest (may probe PostgreSQL).
 */
final class HealthRoutes {

    private static final Map<String, String> UP = Map.of("status", "UP");

    private final Readiness readiness;

    HealthRoutes(Readiness readiness) {
        this.readiness = readiness;
    }

    void live(Request req, Response res, Callback callback) {
        HttpApi.sendJson(res, callback, UP);
    }

    void ready(Request req, Response res, Callback callback) {
        Map<String, Boolean> checks = readiness.checks();
        boolean ready = checks.values().stream().allMatch(Boolean::booleanValue);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "UP" : "DOWN");
        body.put("checks", checks);
        body.putAll(readiness.details());
        res.setStatus(ready ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503);
        HttpApi.sendJson(res, callback, body);
    }
}
