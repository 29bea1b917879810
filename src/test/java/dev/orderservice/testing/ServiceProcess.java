package dev.orderservice.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The packaged service ({@code java -jar target/order-service.jar}) as a child process, so that
 * fault tests can SIGKILL it like a crash would. Its output goes to a log file under target/.
 */
public final class ServiceProcess implements AutoCloseable {

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** How long an order may take from the stream to the API once the service is ready. */
    private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(30);
    /** How long {@link #close()} waits for a graceful stop before it kills. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, String> env;
    private final List<String> args;
    private final Path log;
    private final int httpPort;
    private HttpClient http = HTTP;
    private String scheme = "http";
    private Process process;

    public ServiceProcess(Map<String, String> env, List<String> args, String name) throws IOException {
        this.httpPort = Ports.free();
        this.env = new HashMap<>(env);
        this.env.put("ORDERS_HTTP_PORT", String.valueOf(httpPort));
        this.env.putIfAbsent("ORDERS_HTTP_HOST", "127.0.0.1");
        this.args = List.copyOf(args);
        Path logs = Path.of("target", "it-logs");
        Files.createDirectories(logs);
        this.log = logs.resolve(name + ".log");
        // a new process, a new log: a rerun's assertions on the log must not see the last run's lines
        Files.deleteIfExists(log);
    }

    public static ServiceProcess external(String dbUrl, String natsUrl, String name, Map<String, String> extra)
            throws IOException {
        Map<String, String> env = new HashMap<>(extra);
        env.put("ORDERS_DB_URL", dbUrl);
        env.put("ORDERS_DB_USER", "postgres");
        env.put("ORDERS_NATS_URL", natsUrl);
        env.putIfAbsent("ORDERS_ACK_WAIT_SECONDS", "3");
        return new ServiceProcess(env, List.of("serve"), name);
    }

    /** For a service given ORDERS_HTTP_TLS_*: talk HTTPS to it, trusting what {@code tls} trusts. */
    public ServiceProcess overHttps(SSLContext tls) {
        this.scheme = "https";
        // the connect timeout covers the handshake too, slow on a cold JVM
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        return this;
    }

    public static String jar() {
        return System.getProperty("orders.jar", "target/order-service.jar");
    }

    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    public ServiceProcess start() throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-jar", jar()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("ORDERS_"));
        builder.environment().putAll(env);
        process = builder.start();
        return this;
    }

    public ServiceProcess startAndAwaitReady() throws IOException, InterruptedException {
        start();
        awaitReady();
        return this;
    }

    public void awaitReady() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (get("/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the service was not ready within " + READY_TIMEOUT + "; see " + log);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until GET /api/orders/{id} answers 200: the order is stored and servable. */
    public void awaitStored(String orderUid) throws Exception {
        Await.until(ARRIVAL_TIMEOUT, () -> get("/api/orders/" + orderUid).statusCode(), status -> status == 200,
                "order " + orderUid + " to be stored");
    }

    /** Waits until GET path answers 200 with a body containing the text. */
    public void awaitBodyContaining(String path, String text) throws Exception {
        Await.until(ARRIVAL_TIMEOUT, () -> get(path), r -> r.statusCode() == 200 && r.body().contains(text),
                path + " to show " + text);
    }

    public String baseUrl() {
        return scheme + "://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed; what a crash or OOM-kill does. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, then wait: the graceful stop path. Returns the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    /** Waits for the process to end by itself (a failed start) and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the service still runs after " + timeout + "; see " + log);
        }
        return process.exitValue();
    }

    /** The log so far: what the service printed across all its starts. */
    public List<String> logLines() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            // graceful first: a self-contained serve stops its own PostgreSQL and nats-server on
            // SIGTERM, while a SIGKILL here would leave both running after the test run
            process.destroy();
            if (!process.waitFor(CLOSE_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
