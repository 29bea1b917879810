package dev.orderservice.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health/live}: the process answers. {@code /health/ready}: it can serve and ingest. */
final class HealthRoutes implements HttpService {

    private final Readiness readiness;

    HealthRoutes(Readiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/live", (req, res) -> HttpApi.sendJson(res, Map.of("status", "UP")))
                .get("/ready", this::ready);
    }

    private void ready(ServerRequest req, ServerResponse res) {
        Map<String, Boolean> checks = readiness.checks();
        boolean ready = checks.values().stream().allMatch(Boolean::booleanValue);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "UP" : "DOWN");
        body.put("checks", checks);
        body.putAll(readiness.details());
        res.status(ready ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
        HttpApi.sendJson(res, body);
    }
}
