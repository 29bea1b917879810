package dev.orderservice.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server on its own temp data dir and a free port, removed when closed. Each
 * test that wants a clean slate takes a fresh database from {@link #newDatabase()}; tests that
 * need nothing more share the run's one server ({@link RealServices#sharedPostgres}).
 *
 * <p>Fault tests can crash it ({@link #stopImmediately()}: no checkpoint, crash recovery at the
 * next start) and start it again on the same data directory and port ({@link #startAgain()}),
 * using zonky's unpacked binaries through {@code pg_ctl}, as an operator would (in a user
 * namespace when the tests run as root, as zonky itself does).
 */
public final class ThrowawayPostgres implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final long PG_CTL_TIMEOUT_SECONDS = 120;
    /** Zonky's defaults, spelled out so a restart through pg_ctl runs the server the same way. */
    private static final Map<String, String> SERVER_CONFIG = new TreeMap<>(Map.of(
            "timezone", "UTC", "synchronous_commit", "off", "max_connections", "300"));

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final Path binDir;

    private ThrowawayPostgres(EmbeddedPostgres postgres, Path dataDir) throws IOException {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.binDir = binDir(dataDir);
    }

    public static ThrowawayPostgres start() throws IOException {
        Path dir = Files.createTempDirectory("orders-pg");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(true);
        SERVER_CONFIG.forEach(builder::setServerConfig);
        return new ThrowawayPostgres(builder.start(), dir);
    }

    /** A new empty database; returns its JDBC URL (user postgres, no password). */
    public String newDatabase() throws SQLException {
        String name = "orders_" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name;
    }

    /**
     * Makes every login except the superuser {@code postgres} authenticate with its password
     * (scram-sha-256), as a real server does; embedded PostgreSQL trusts everyone by default.
     *
     * @throws SQLException when the server cannot be reconfigured
     * @throws IOException  when pg_hba.conf cannot be written
     */
    public void requirePasswords() throws SQLException, IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            Path hba;
            try (var r = s.executeQuery("show hba_file")) {
                r.next();
                hba = Path.of(r.getString(1));
            }
            Files.writeString(hba, """
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all postgres ::1/128 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
            s.execute("select pg_reload_conf()");
        }
    }

    /**
     * Turns TLS on with {@code server}'s certificate and replaces pg_hba.conf with {@code hba}
     * (a test that keeps a login off plain connections says {@code hostssl} for it), then waits
     * until the server has re-read both.
     */
    public void enableTls(ThrowawayCertificates.Issued server, String hba)
            throws SQLException, IOException, InterruptedException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            Path data = Path.of(show(s, "data_directory"));
            Path cert = server.writeChain(data.resolve("server.crt"));
            Path key = server.writePkcs8Key(data.resolve("server.key"));
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            s.execute("alter system set ssl_cert_file = '" + cert + "'");
            s.execute("alter system set ssl_key_file = '" + key + "'");
            s.execute("alter system set ssl = on");
            Files.writeString(Path.of(show(s, "hba_file")), hba);
            s.execute("select pg_reload_conf()");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            // the postmaster re-reads its files asynchronously
            while (!show(s, "ssl").equals("on") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (var r = s.executeQuery("show " + setting)) {
            r.next();
            return r.getString(1);
        }
    }

    public DataSource dataSource(String database) {
        return postgres.getDatabase("postgres", database);
    }

    public int port() {
        return postgres.getPort();
    }

    /**
     * {@code pg_ctl stop -m immediate}: every server process quits at once without a checkpoint,
     * client connections break mid-transaction; the next start runs crash recovery.
     */
    public void stopImmediately() throws IOException, InterruptedException {
        pgCtl(List.of("-D", dataDir.toString(), "-m", "immediate", "-w", "stop"));
    }

    /** Starts the server again on the same data directory and port, and waits until it accepts connections. */
    public void startAgain() throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(List.of("-p", String.valueOf(port()), "-F"));
        SERVER_CONFIG.forEach((key, value) -> options.addAll(List.of("-c", key + "=" + value)));
        pgCtl(List.of("-D", dataDir.toString(), "-l", dataDir.resolve("restarted.log").toString(),
                "-o", String.join(" ", options), "-w", "-t", String.valueOf(PG_CTL_TIMEOUT_SECONDS), "start"));
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private void pgCtl(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        // as zonky does: PostgreSQL refuses to run as root, but runs in a user namespace of its own
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binDir.resolve("pg_ctl").toString());
        command.addAll(arguments);
        Path output = Files.createTempFile("pg_ctl", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(PG_CTL_TIMEOUT_SECONDS + 10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("pg_ctl " + arguments + " failed: " + Files.readString(output).strip());
        }
        Files.deleteIfExists(output);
    }

    /** Zonky unpacks the binaries to a directory it keeps to itself; the running postmaster shows where. */
    private static Path binDir(Path dataDir) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
        String postgres = ProcessHandle.of(pid).flatMap(h -> h.info().command())
                .orElseThrow(() -> new IOException("cannot see the command of postmaster " + pid));
        return Path.of(postgres).getParent();
    }
}
