package dev.orderservice.testing;

import dev.orderservice.embedded.NatsServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real nats-server with JetStream on a free port, started with a configuration file the test
 * writes (authorization, TLS, operator mode); its log is {@code nats-server.log} in {@link #dir()}.
 */
public final class ConfiguredNats implements AutoCloseable {

    private final NatsServerProcess server;
    private final Path dir;

    private ConfiguredNats(NatsServerProcess server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    /**
     * @param config the body of a nats-server configuration file; the port and store come from here
     */
    public static ConfiguredNats start(Path dir, String config) throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("nats-" + System.nanoTime() + ".conf"), config);
        Path store = Files.createDirectories(dir.resolve("store-" + System.nanoTime()));
        Path binary = NatsServerProcess.locate(System.getenv("ORDERS_NATS_SERVER"));
        NatsServerProcess server = new NatsServerProcess(binary, Ports.free(), store,
                List.of("-c", file.toString()));
        try {
            server.start();
        } catch (IOException e) {
            // the configuration is the test's own: say what the server disliked about it
            Path log = store.resolve("nats-server.log");
            throw new IOException(e.getMessage() + ": " + (Files.exists(log) ? Files.readString(log).strip() : ""), e);
        }
        return new ConfiguredNats(server, store);
    }

    public String url(String scheme, String host) {
        return scheme + "://" + host + ":" + server.port();
    }

    /** Where the server keeps its store and log. */
    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}
