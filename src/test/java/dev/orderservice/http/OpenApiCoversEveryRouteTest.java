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
import java.util.Set;
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
