package dev.orderservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.staticcontent.StaticContentService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document is valid and describes exactly the routes {@link HttpApi#routing} registers:
 * a route added without documenting it, or a documented one that is not served, fails here.
 */
class OpenApiCoversEveryRouteTest {

    /** The page's static files: part of {@code GET /}, not API. */
    private static final Set<String> UNDOCUMENTED = Set.of("GET /webjars/bootstrap");
    private static final Set<String> HTTP_METHODS = Set.of("get", "head", "post", "put", "delete", "patch",
            "options", "trace");

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

    /**
     * Every "METHOD /path" {@link HttpApi#routing} sets up, found by handing it rules that record
     * instead of route. Catch-all ({@code any}) handlers are the fallback and the page's headers, not routes.
     */
    static Set<String> registeredRoutes() {
        Set<String> routes = new TreeSet<>();
        var parts = new HttpApi.Parts(null, null, null, null, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        HttpApi.routing(recorder("", routes), parts);
        return routes;
    }

    private static HttpRouting.Builder recorder(String prefix, Set<String> routes) {
        return (HttpRouting.Builder) Proxy.newProxyInstance(HttpRouting.Builder.class.getClassLoader(),
                new Class<?>[] {HttpRouting.Builder.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    Object[] a = args == null ? new Object[0] : args;
                    String path = a.length > 0 && a[0] instanceof String s ? join(prefix, s) : join(prefix, "");
                    if (name.equals("register")) {
                        for (Object service : (Object[]) a[a.length - 1]) {
                            record(path, service instanceof HttpService h ? h : (HttpService) ((Supplier<?>) service).get(),
                                    routes);
                        }
                    } else if (HTTP_METHODS.contains(name)) {
                        routes.add(name.toUpperCase(Locale.ROOT) + " " + normalise(path));
                    } else if (name.equals("route")) {
                        throw new AssertionError("the recorder does not know routes added with route(...)");
                    }
                    return method.getReturnType().isInstance(proxy) ? proxy : null;
                });
    }

    @SuppressWarnings("removal")
    private static void record(String path, HttpService service, Set<String> routes) {
        if (service instanceof StaticContentService) {
            routes.add("GET " + path);
        } else {
            service.routing(recorder(path, routes));
        }
    }

    private static String join(String prefix, String path) {
        String joined = (prefix + path).replaceAll("/+", "/");
        joined = joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
        return joined.isEmpty() ? "/" : joined;
    }
}
