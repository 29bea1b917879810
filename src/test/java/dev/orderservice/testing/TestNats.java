package dev.orderservice.testing;

import dev.orderservice.embedded.NatsServerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A real nats-server with JetStream on a free port and a temp store; tests may kill and restart it. */
public final class TestNats implements AutoCloseable {

    private final NatsServerProcess server;

    private TestNats(NatsServerProcess server) {
        this.server = server;
    }

    public static TestNats start() throws IOException, InterruptedException {
        Path store = Files.createTempDirectory("orders-nats");
        return new TestNats(new NatsServerProcess(NatsServerProcess.locate(), freePort(), store, List.of()).start());
    }

    public String url() {
        return server.url();
    }

    public NatsServerProcess process() {
        return server;
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
