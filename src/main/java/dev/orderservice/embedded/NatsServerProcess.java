package dev.orderservice.embedded;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A nats-server child process with JetStream, storing under a directory of its own. Used by a
 * self-contained {@code serve} and by tests, which kill and restart it.
 *
 * <p>A pid file beside the store lets the next start reap a server orphaned by a killed parent, so
 * two servers never share one store.
 */
public final class NatsServerProcess implements AutoCloseable {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    /** How long a SIGTERM may take (JetStream flushes its store) before SIGKILL follows. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final String PID_FILE = "nats-server.pid";
    private static final List<String> WELL_KNOWN_PATHS = List.of("/usr/sbin/nats-server", "/usr/bin/nats-server",
            "/usr/local/bin/nats-server");

    private final Path binary;
    private final int port;
    private final Path storeDir;
    private final List<String> extraArgs;
    private Process process;

    public NatsServerProcess(Path binary, int port, Path storeDir, List<String> extraArgs) {
        this.binary = binary;
        this.port = port;
        this.storeDir = storeDir;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /**
     * The nats-server to run: {@code configured} when given (--nats-server, ORDERS_NATS_SERVER), then PATH, then the usual install places.
     *
     * @throws MissingServerException when none is installed
     */
    public static Path locate(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "nats-server"));
            }
        }
        WELL_KNOWN_PATHS.forEach(p -> candidates.add(Path.of(p)));
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() ->
                new MissingServerException("nats-server is not installed: install it (Debian/Ubuntu: "
                        + "apt-get install nats-server) or point ORDERS_NATS_URL at a NATS server with JetStream"));
    }

    /** Thrown when no nats-server binary can be found. */
    public static final class MissingServerException extends RuntimeException {
        public MissingServerException(String message) {
            super(message);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /**
     * Starts the server and waits until it accepts connections. Ready means this process said so
     * in its log and the port accepts: a port that merely accepts may belong to another process
     * that took it first (this server then fails to bind and exits).
     *
     * @throws IOException when it cannot be started or does not come up in time
     */
    public synchronized NatsServerProcess start() throws IOException, InterruptedException {
        Files.createDirectories(storeDir);
        reapOrphan();
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-a", "127.0.0.1", "-p",
                String.valueOf(port), "-js", "-sd", storeDir.toString()));
        command.addAll(extraArgs);
        Path log = storeDir.resolve("nats-server.log");
        long readyBefore = readyLines(log);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(storeDir.resolve("nats-server.log").toFile()))
                .start();
        Files.writeString(storeDir.resolve(PID_FILE), String.valueOf(process.pid()));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (readyLines(log) <= readyBefore || !accepts(port)) {
            if (!process.isAlive()) {
                throw new IOException("nats-server exited with code " + process.exitValue() + " at start; see "
                        + storeDir.resolve("nats-server.log"));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("nats-server did not accept connections on port " + port + " within "
                        + START_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
        return this;
    }

    /** SIGKILL: the abrupt failure fault tests need. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** A clean stop (SIGTERM lets JetStream flush), forced after a grace period. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        try {
            Files.deleteIfExists(storeDir.resolve(PID_FILE));
        } catch (IOException ignored) {
            // the next start checks whether the recorded process still lives
        }
    }

    private void reapOrphan() throws InterruptedException {
        Optional<ProcessHandle> orphan = Pids.read(storeDir.resolve(PID_FILE))
                .flatMap(ProcessHandle::of)
                .filter(h -> h.info().command().map(c -> c.endsWith("nats-server")).orElse(false));
        if (orphan.isPresent()) {
            Pids.stop(orphan.get(), STOP_GRACE);
        }
    }

    /** How many times the server has logged that it is ready (the log is appended to on every start). */
    private static long readyLines(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.contains("Server is ready")).count();
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
