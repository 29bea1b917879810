package dev.orderservice.web;

import dev.orderservice.embedded.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code java -jar target/order-service.jar serve}) as a child process, with
 * a real PostgreSQL and a real nats-server that this class starts on free ports, and a JetStream
 * publisher to feed it. (To be folded into the shared testing helpers.)
 */
final class ServiceUnderTest implements AutoCloseable {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    static final String SUBJECT = "orders";

    private final Path dir;
    private final EmbeddedPostgres postgres;
    private final NatsServerProcess nats;
    private final Process service;
    private final Connection publisher;
    private final int httpPort;

    private ServiceUnderTest(Path dir, EmbeddedPostgres postgres, NatsServerProcess nats, Process service,
            Connection publisher, int httpPort) {
        this.dir = dir;
        this.postgres = postgres;
        this.nats = nats;
        this.service = service;
        this.publisher = publisher;
        this.httpPort = httpPort;
    }

    static ServiceUnderTest start() throws Exception {
        Path dir = Files.createTempDirectory("order-service-web-it");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        NatsServerProcess nats = null;
        Process service = null;
        try {
            nats = new NatsServerProcess(NatsServerProcess.locate(System.getenv("ORDERS_NATS_SERVER")), freePort(),
                    dir.resolve("nats"), List.of()).start();
            int httpPort = freePort();
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-jar", jar().toString(), "serve")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("service.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("ORDERS_HTTP_PORT", String.valueOf(httpPort));
            env.put("ORDERS_DATA_DIR", dir.resolve("data").toString());
            env.put("ORDERS_DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
            env.put("ORDERS_DB_USER", "postgres");
            env.put("ORDERS_DB_PASSWORD", "postgres");
            env.put("ORDERS_NATS_URL", nats.url());
            service = builder.start();
            awaitReady(service, httpPort, dir.resolve("service.log"));
            Connection publisher = Nats.connect(nats.url());
            return new ServiceUnderTest(dir, postgres, nats, service, publisher, httpPort);
        } catch (Exception | Error e) {
            if (service != null) {
                service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (nats != null) {
                nats.close();
            }
            postgres.close();
            throw e;
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Publishes through JetStream and waits for the stream's ack, so the message is durably queued. */
    void publish(String json) throws Exception {
        publish(json.getBytes(StandardCharsets.UTF_8));
    }

    void publish(byte[] payload) throws Exception {
        JetStream js = publisher.jetStream();
        js.publish(SUBJECT, payload);
    }

    /** Waits until GET /api/orders/{id} answers 200: the order is stored and servable. */
    void awaitStored(String orderUid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (status("/api/orders/" + orderUid) == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("order " + orderUid + " was not stored within 30 s");
    }

    /** Waits until GET path answers 200 with a body containing the text. */
    void awaitBodyContaining(String path, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (HttpClient client = HttpClient.newHttpClient()) {
            while (System.nanoTime() < deadline) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains(text)) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError(path + " did not show " + text + " within 30 s");
    }

    int status(String path) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static void awaitReady(Process service, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (System.nanoTime() < deadline) {
                if (!service.isAlive()) {
                    throw new IllegalStateException("the service exited with " + service.exitValue() + ":\n"
                            + Files.readString(log));
                }
                try {
                    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the service was not ready within " + READY_TIMEOUT + ":\n" + Files.readString(log));
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("orders.jar", "target/order-service.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw verify, which packages it first");
        }
        return jar;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            publisher.close();
        } finally {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            nats.close();
            postgres.close();
        }
    }

    Path dir() {
        return dir;
    }
}
