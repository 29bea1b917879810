package dev.orderservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderservice.testing.AckedPublisher;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.ServiceProcess;
import dev.orderservice.testing.Sql;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenAPI document served at {@code /openapi.yaml} tells the truth about the running service:
 * every documented answer that a test can provoke comes with the documented status, content type,
 * headers and required fields, and what is not documented is not served.
 */
class OpenApiMatchesTheRoutesIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Documented answers no test here can provoke: PostgreSQL down, readiness lost, too many live clients. */
    private static final Set<String> NOT_PROVOKED = Set.of("GET /api/orders/{order_uid} 503",
            "GET /api/orders 503", "GET /api/orders.csv 503", "GET /api/rejected 503", "GET /api/events 503",
            "GET /health/ready 503");
    /**
     * Answers of a service with authentication on (401, 403, signing in and out): this service runs
     * without, and access.AccessControlIT provokes each of them.
     */
    private static final Pattern WITH_AUTHENTICATION = Pattern.compile(".* (401|403)$|(POST|DELETE) /api/session .*");
    @RegisterExtension
    static final RealServices services = new RealServices();
    private static String db;
    private static ServiceProcess service;

    /** One service for both tests: neither changes what the other sees (the refusals write nothing). */
    @BeforeAll
    static void startService() throws Exception {
        db = services.postgres().newDatabase();
        service = ServiceProcess.external(db, services.nats().url(), "openapi", Map.of()).startAndAwaitReady();
    }

    @AfterAll
    static void stopService() throws Exception {
        service.close();
    }

    @Test
    void everyDocumentedAnswerIsWhatTheServiceSends() throws Exception {
        try (AckedPublisher publisher = new AckedPublisher(services.nats().url(), "orders")) {
            publisher.send(SampleOrders.bytes(SampleOrders.withUid("openapi1")));
            publisher.send("not an order".getBytes(StandardCharsets.UTF_8));
        }
        Await.until(Duration.ofSeconds(60), () -> Sql.count(db, "select count(*) from orders")
                + Sql.count(db, "select count(*) from rejected_messages"), n -> n == 2, "both messages stored");

        HttpResponse<String> document = service.get("/openapi.yaml");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(mediaType(document)).isIn("application/yaml", "application/vnd.oai.openapi");
        ParseOptions resolve = new ParseOptions();
        resolve.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document.body(), null, resolve);
        assertThat(parsed.getMessages()).isEmpty();
        OpenAPI api = parsed.getOpenAPI();

        Map<String, String> probes = probes();
        Set<String> checked = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                operation.getResponses().forEach((status, response) -> {
                    String key = method.name() + " " + path + " " + status;
                    if (NOT_PROVOKED.contains(key) || WITH_AUTHENTICATION.matcher(key).matches()
                            || key.endsWith(" 429")) {
                        // 429: this test's client is loopback, exempt from the per-client limits; AdmissionLimitsIT
                        // provokes them
                        return;
                    }
                    assertThat(probes).as("a request provoking " + key).containsKey(key);
                    check(service, api, key, probes.get(key), Integer.parseInt(status), response);
                    checked.add(key);
                })));
        assertThat(checked).containsExactlyInAnyOrderElementsOf(probes.keySet());
        probes.forEach((key, path) -> headAnswersLikeGet(service, key, path));
    }

    /** The document says every route answers HEAD: the same status and content type as GET, no body. */
    private static void headAnswersLikeGet(ServiceProcess service, String key, String path) {
        try {
            HttpResponse<byte[]> head = HTTP.send(HttpRequest.newBuilder(uri(service, path))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            int status = Integer.parseInt(key.substring(key.lastIndexOf(' ') + 1));
            assertThat(head.statusCode()).as("HEAD for " + key).isEqualTo(status);
            assertThat(mediaType(head)).as("HEAD content type for " + key).isNotEmpty();
            assertThat(head.body()).as("HEAD body for " + key).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(key, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(key, e);
        }
    }

    @Test
    void undocumentedPathsAndMethodsAreRefusedWithProblems() throws Exception {
        for (String path : new String[] {"/api/nothing", "/api/orders/a/b", "/api/orders/a/items", "/admin"}) {
            HttpResponse<String> response = service.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(mediaType(response)).as(path).isEqualTo("application/problem+json");
        }
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(service, "/api/orders"))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(mediaType(response)).as(method).isEqualTo("application/problem+json");
            assertThat(response.headers().firstValue("Allow")).as(method).hasValue("GET");
        }
    }

    /** For each documented "METHOD path status", a request that provokes it. */
    private static Map<String, String> probes() {
        Map<String, String> probes = new LinkedHashMap<>();
        probes.put("GET /api/orders/{order_uid} 200", "/api/orders/openapi1");
        probes.put("GET /api/orders/{order_uid} 400", "/api/orders/bad%20id!");
        probes.put("GET /api/orders/{order_uid} 404", "/api/orders/nosuchorder");
        probes.put("GET /api/orders 200", "/api/orders?limit=5");
        probes.put("GET /api/orders 400", "/api/orders?limit=0");
        probes.put("GET /api/orders.csv 200", "/api/orders.csv?customer_id=test");
        probes.put("GET /api/orders.csv 400", "/api/orders.csv?from=yesterday");
        probes.put("GET /api/rejected/reasons 200", "/api/rejected/reasons");
        probes.put("GET /api/rejected 200", "/api/rejected?limit=5");
        probes.put("GET /api/rejected 400", "/api/rejected?before=abc");
        probes.put("GET /api/events 200", "/api/events");
        probes.put("GET /api/status 200", "/api/status");
        probes.put("GET /api/session 200", "/api/session");
        probes.put("GET /health/live 200", "/health/live");
        probes.put("GET /health/ready 200", "/health/ready");
        probes.put("GET /metrics 200", "/metrics");
        probes.put("GET /openapi.yaml 200", "/openapi.yaml");
        probes.put("GET / 200", "/");
        return probes;
    }

    private static void check(ServiceProcess service, OpenAPI api, String key, String path, int status,
            ApiResponse documented) {
        try {
            // A stream (the live feed) never ends: read only the head and let go of the body.
            HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(uri(service, path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                assertThat(response.statusCode()).as(key).isEqualTo(status);
                if (documented.getHeaders() != null) {
                    documented.getHeaders().keySet().forEach(header ->
                            assertThat(response.headers().firstValue(header)).as(key + " header " + header).isPresent());
                }
                if (documented.getContent() == null) {
                    return;
                }
                String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
                assertThat(documented.getContent()).as(key + " content type").containsKey(type);
                if (type.endsWith("json")) {
                    JsonNode json = SampleOrders.parse(new String(body.readAllBytes(), StandardCharsets.UTF_8));
                    Schema<?> schema = resolve(api, documented.getContent().get(type).getSchema());
                    if (schema.getRequired() != null) {
                        schema.getRequired().forEach(field -> assertThat(json.has(field)).as(key + " field " + field)
                                .isTrue());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(key, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(key, e);
        }
    }

    private static Schema<?> resolve(OpenAPI api, Schema<?> schema) {
        if (schema.get$ref() == null) {
            return schema;
        }
        String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
        return api.getComponents().getSchemas().get(name);
    }

    private static String mediaType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
    }

    private static URI uri(ServiceProcess service, String path) {
        return URI.create("http://127.0.0.1:" + service.httpPort() + path);
    }
}
