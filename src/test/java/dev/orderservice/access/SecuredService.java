package dev.orderservice.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.testing.Await;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.ServiceProcess;
import dev.orderservice.testing.Sql;
import dev.orderservice.testing.ThrowawayNats;
import dev.orderservice.testing.ThrowawayPostgres;
import dev.orderservice.testing.AckedPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One service with authentication on, shared by every access test of a run (a jar start is the
 * expensive part): a real PostgreSQL and nats-server, a tokens file, and a JWKS issuer
 * ({@link Jwks}). It holds one stored order ({@link #ORDER_ID}) and one rejected message. Every
 * token and JWT it hands out is remembered, so a test can assert that none reached the output.
 * Test classes take it as a parameter: {@code @ExtendWith(SecuredService.Resolver.class)}.
 */
final class SecuredService implements ExtensionContext.Store.CloseableResource {

    static final String ORDER_ID = "access1";
    /** The tokens in the file at start: name, scopes. */
    static final Map<String, String> FILE_TOKENS = Map.of("reader", "orders:read", "lister", "orders:list",
            "rejects", "rejected:read", "ops", "ops", "everything", "orders:read,orders:list,rejected:read,ops");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ThrowawayPostgres postgres;
    private final ThrowawayNats nats;
    private final Jwks jwks;
    private final Path tokensFile;
    private final Map<String, String> lines = new LinkedHashMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private ServiceProcess service;

    private SecuredService(ThrowawayPostgres postgres, ThrowawayNats nats, Jwks jwks, Path tokensFile) {
        this.postgres = postgres;
        this.nats = nats;
        this.jwks = jwks;
        this.tokensFile = tokensFile;
    }

    /** Gives each test method the run's one secured service, started on first use. */
    static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
            return parameter.getParameter().getType() == SecuredService.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
            return extension.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(SecuredService.class, key -> start(), SecuredService.class);
        }
    }

    private static SecuredService start() {
        try {
            Path dir = Files.createTempDirectory("order-service-access");
            SecuredService secured = new SecuredService(ThrowawayPostgres.start(), ThrowawayNats.start(), Jwks.start(),
                    dir.resolve("tokens"));
            FILE_TOKENS.forEach(secured::addToken);
            secured.writeTokensFile();
            secured.startService();
            return secured;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the secured service: " + e.getMessage(), e);
        }
    }

    private void startService() throws Exception {
        String db = postgres.newDatabase();
        service = ServiceProcess.external(db, nats.url(), "access", Map.of(
                "ORDERS_AUTH_TOKENS_FILE", tokensFile.toString(),
                "ORDERS_AUTH_JWT_ISSUER", Jwks.ISSUER,
                "ORDERS_AUTH_JWT_AUDIENCE", Jwks.AUDIENCE,
                "ORDERS_AUTH_JWT_JWKS_URL", jwks.url())).startAndAwaitReady();
        try (AckedPublisher publisher = new AckedPublisher(nats.url(), "orders")) {
            publisher.send(SampleOrders.bytes(SampleOrders.withUid(ORDER_ID)));
            publisher.send("not an order".getBytes(StandardCharsets.UTF_8));
            publisher.flush();
        }
        Await.until(Duration.ofSeconds(60), () -> Sql.count(db, "select count(*) from orders")
                + Sql.count(db, "select count(*) from rejected_messages"), n -> n == 2, "both messages stored");
    }

    /** A new random token with these scopes, in the file once {@link #writeTokensFile} runs. */
    String addToken(String name, String scopes) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(name, token);
        lines.put(name, name + " " + scopes + " " + sha256(token));
        secrets.add(token);
        return token;
    }

    void removeToken(String name) {
        lines.remove(name);
    }

    /** Rewrites the file in place, as an editor would, with a comment and one bad line among the tokens. */
    void writeTokensFile() throws IOException {
        List<String> content = new ArrayList<>(List.of("# name scopes sha256", "", "this line is not a token line"));
        content.addAll(lines.values());
        Files.write(tokensFile, content, StandardCharsets.UTF_8);
    }

    String token(String name) {
        return tokens.get(name);
    }

    /** Remembers a JWT (or any credential) the test made, for the no-secret-in-output check. */
    String secret(String credential) {
        secrets.add(credential);
        return credential;
    }

    List<String> secrets() {
        return List.copyOf(secrets);
    }

    /** No token, JWT or session id handed out in this run appears in the service's output. */
    void assertNoSecretInOutput() throws IOException, InterruptedException {
        Thread.sleep(500);
        String output = String.join("\n", service.logLines());
        assertThat(secrets).isNotEmpty();
        for (String secret : secrets) {
            assertThat(output).as("the service's output").doesNotContain(secret);
        }
        assertThat(output).doesNotContain("Bearer ");
    }

    Jwks jwks() {
        return jwks;
    }

    ServiceProcess service() {
        return service;
    }

    ThrowawayPostgres postgres() {
        return postgres;
    }

    ThrowawayNats nats() {
        return nats;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + service.httpPort();
    }

    /** GET with these headers (name, value, name, value...). */
    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An answer: status, headers and body (of a live feed's 200, only the head is read). */
    record Answer(int status, HttpHeaders headers, String body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** GET with a bearer token, or none when it is null. */
    Answer getWith(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            boolean stream = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
            return new Answer(response.statusCode(), response.headers(),
                    stream ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        try (postgres; nats; jwks) {
            if (service != null) {
                service.close();
            }
        }
    }
}
