package dev.orderservice.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A real PostgreSQL server (binaries from Maven Central) whose data lives in a directory of ours,
 * so a restart finds every order again. Durable settings (fsync, synchronous commit) stay on: an
 * order acked to the broker must survive a power cut here too.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    public static final String SUPERUSER = "postgres";
    private static final String PID_FILE = "postmaster.pid";
    /** An orphan may be mid-checkpoint; give it time to finish before it is killed. */
    private static final Duration ORPHAN_STOP_GRACE = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on a free loopback port with its data in {@code dataDir}.
     *
     * @throws IOException when it cannot start
     */
    public static EmbeddedDatabase start(Path dataDir, int port) throws IOException, InterruptedException {
        Files.createDirectories(dataDir.getParent());
        reapOrphan(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(START_TIMEOUT)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        return new EmbeddedDatabase(postgres);
    }

    /**
     * The port of a PostgreSQL already running on {@code dataDir} (a serve's, or one orphaned by a
     * killed serve), read from its postmaster.pid (line 4). One-shot commands use it rather than
     * start a second server, which would stop the running one as an orphan.
     */
    public static Optional<Integer> runningPort(Path dataDir) {
        if (runningServer(dataDir).isEmpty()) {
            return Optional.empty();
        }
        try {
            var lines = Files.readAllLines(dataDir.resolve(PID_FILE));
            return lines.size() < 4 ? Optional.empty()
                    : Optional.of(Integer.parseInt(lines.get(3).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return jdbcUrl(postgres.getPort());
    }

    public String user() {
        return SUPERUSER;
    }

    /** A PostgreSQL left running by a killed serve holds the data directory: stop it first. */
    private static void reapOrphan(Path dataDir) throws InterruptedException {
        Optional<ProcessHandle> orphan = runningServer(dataDir);
        if (orphan.isPresent()) {
            Pids.stop(orphan.get(), ORPHAN_STOP_GRACE);
        }
    }

    /** The postgres process named by the data directory's pid file, if it still runs. */
    private static Optional<ProcessHandle> runningServer(Path dataDir) {
        return Pids.read(dataDir.resolve(PID_FILE))
                .flatMap(ProcessHandle::of)
                .filter(h -> h.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
