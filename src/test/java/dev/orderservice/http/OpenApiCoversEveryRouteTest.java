package dev.orderservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document is valid and describes exactly the routes {@link HttpApi#routes} serves:
 * a route added without documenting it, or a documented one that is not served, fails here.
 */
class OpenApiCoversEveryRouteTest {

    /** The page's static files: part of {@code GET /}, not API. */
    private static final Set<String> UNDOCUMENTED = Set.of("GET /webjars/bootstrap");

    @Test
    void theDocumentIsValidOpenApi3() throws IOException {
        SwaggerParseResult result = parse();
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.");
    }

    @Test
    void documentedRoutesAreExactlyTheRegisteredOnes() throws IOException {
        OpenAPI api = parse().getOpenAPI();
        Set<String> documented = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet().forEach(method ->
                documented.add(method.name() + " " + normalise(path))));

        Set<String> registered = new TreeSet<>(registeredRoutes());
        registered.removeAll(UNDOCUMENTED);
        assertThat(registered).contains("GET /api/orders/{}", "GET /openapi.yaml");
        assertThat(documented).isEqualTo(registered);
    }

    /** Each operation names the scope its route needs (x-required-scope), and says open when it needs none. */
    @Test
    void eachOperationDeclaresTheScopeItsRouteNeeds() throws IOException {
        OpenAPI api = parse().getOpenAPI();
        Map<String, String> documented = new TreeMap<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            Object scope = operation.getExtensions() == null ? null : operation.getExtensions().get("x-required-scope");
            boolean open = operation.getSecurity() != null && operation.getSecurity().isEmpty();
            documented.put(method.name() + " " + normalise(path), scope != null ? scope.toString() : open ? "open"
                    : "credentials, no scope");
        }));

        Map<String, String> routed = new TreeMap<>();
        var parts = new HttpApi.Parts(null, null, null, null, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                new LiveFeed());
        for (Route route : HttpApi.routes(parts).all()) {
            for (String method : route.methods()) {
                routed.put(method + " " + normalise(route.template()), route.scope() == null
                        ? (method.equals("POST") ? "credentials, no scope" : "open") : route.scope().code());
            }
        }
        routed.put("GET /", "open");
        assertThat(documented).isEqualTo(routed);
        assertThat(api.getComponents().getSecuritySchemes()).containsOnlyKeys("bearer", "session");
    }

    static SwaggerParseResult parse() throws IOException {
        try (InputStream in = OpenApiCoversEveryRouteTest.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
            return new OpenAPIV3Parser().readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Path parameters differ in name only ({@code {id}} in code, {@code {order_uid}} in the document). */
    static String normalise(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    /** Every "GET /path" the routing table of {@link HttpApi#routes} serves, the static file mounts included. */
    static Set<String> registeredRoutes() {
        Set<String> routes = new TreeSet<>();
        var parts = new HttpApi.Parts(null, null, null, null, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                new LiveFeed());
        HttpApi.routes(parts).served().forEach(route -> routes.add(normalise(route)));
        return routes;
    }
}
