package dev.orderservice.publish;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real nats-server with JetStream as a child process on a free port, storing under a temporary
 * directory; killed on close. Belongs with the other shared test infrastructure once there is one.
 */
final class NatsServerProcess implements AutoCloseable {

    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/nats-server"),
            Path.of("/usr/local/bin/nats-server"), Path.of("/usr/bin/nats-server"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final int port;

    private NatsServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Optional<Path> binary() {
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * @throws IOException when the server cannot be started or does not listen in time
     */
    static NatsServerProcess start(Path binary, Path storeDir) throws IOException, InterruptedException {
        int port = freePort();
        Process process = new ProcessBuilder(binary.toString(), "-js", "-sd", storeDir.toString(),
                "-a", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(storeDir.resolve("nats-server.log").toFile())
                .start();
        NatsServerProcess server = new NatsServerProcess(process, port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!server.listens()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IOException("nats-server did not start; see " + storeDir.resolve("nats-server.log"));
            }
            Thread.sleep(50);
        }
        return server;
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean listens() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
