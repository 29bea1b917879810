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
    private final Path config;

    private ConfiguredNats(NatsServerProcess server, Path dir, Path config) {
        this.server = server;
        this.dir = dir;
        this.config = config;
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
        return new ConfiguredNats(server, store, file);
    }

    /**
     * Replaces the configuration and has the running server reload it (SIGHUP), as an operator
     * fixing the server's authorization would; clients connected so far stay connected.
     */
    public void reload(String newConfig) throws IOException, InterruptedException {
        // JetStream came from the command line (-js -sd); a reloaded file that does not name it
        // would shut JetStream down
        Files.writeString(config, "jetstream { store_dir: \"" + dir + "\" }\n" + newConfig);
        String pid = Files.readString(dir.resolve("nats-server.pid")).strip();
        Process kill = new ProcessBuilder("kill", "-HUP", pid).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("cannot signal nats-server " + pid + " to reload");
        }
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
