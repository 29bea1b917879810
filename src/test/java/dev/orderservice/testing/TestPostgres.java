package dev.orderservice.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server for one test class: its own temp data dir and a free port. Each test
 * that wants a clean slate takes a fresh database from {@link #newDatabase()}.
 */
public final class TestPostgres implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private final EmbeddedPostgres postgres;

    private TestPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static TestPostgres start() throws IOException {
        Path dir = Files.createTempDirectory("orders-pg");
        return new TestPostgres(EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(true)
                .start());
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

    public DataSource dataSource(String database) {
        return postgres.getDatabase("postgres", database);
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
