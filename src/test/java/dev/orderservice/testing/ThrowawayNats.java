package dev.orderservice.testing;

import dev.orderservice.embedded.NatsServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real nats-server with JetStream on a free port and a temp store. Fault tests may kill it
 * ({@link #kill()}: SIGKILL) and start it again on the same port and store ({@link #startAgain()}),
 * or make one that is not running yet ({@link #notStarted()}).
 */
public final class ThrowawayNats implements AutoCloseable {

    private final NatsServerProcess server;
    private final Path store;

    private ThrowawayNats(NatsServerProcess server, Path store) {
        this.server = server;
        this.store = store;
    }

    /**
     * Starts a server on a free port; again on another one when a process of a test running beside
     * this one took the port between its choice and the server's bind (the server then exits).
     */
    public static ThrowawayNats start() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            ThrowawayNats nats = notStarted();
            try {
                nats.server.start();
                return nats;
            } catch (IOException e) {
                nats.close();
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** A server with its port and store chosen, not running until {@link #startAgain()}. */
    public static ThrowawayNats notStarted() throws IOException {
        Path store = Files.createTempDirectory("orders-nats");
        Path binary = NatsServerProcess.locate(System.getenv("ORDERS_NATS_SERVER"));
        return new ThrowawayNats(new NatsServerProcess(binary, Ports.free(), store, List.of()), store);
    }

    public String url() {
        return server.url();
    }

    public NatsServerProcess process() {
        return server;
    }

    /** The JetStream store directory, for tests that change it while the server is down. */
    public Path store() {
        return store;
    }

    /** SIGKILL: no flush, no goodbye to clients. */
    public void kill() throws InterruptedException {
        server.kill();
    }

    /** Starts the server (again) on the same port and store, and waits until it accepts connections. */
    public void startAgain() throws IOException, InterruptedException {
        server.start();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}
