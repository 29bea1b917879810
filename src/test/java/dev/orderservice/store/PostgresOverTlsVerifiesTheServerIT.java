package dev.orderservice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderservice.ops.CheckCommand;
import dev.orderservice.testing.CommandOutput;
import dev.orderservice.testing.ThrowawayCertificates;
import dev.orderservice.testing.ThrowawayCertificates.Issued;
import dev.orderservice.testing.ThrowawayPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL with {@code ssl=on} and a pg_hba that lets the application role in only over TLS
 * with scram: the URL that {@link DatabaseTls} makes connects with verify-full against the test
 * CA; a server certificate from another CA, or a connection without TLS, is refused, and
 * {@code check} says so in one line naming ORDERS_DB_TLS_CA_FILE.
 */
class PostgresOverTlsVerifiesTheServerIT {

    private static final String PASSWORD = "tls-pw-4711";

    @TempDir
    static Path dir;
    static ThrowawayPostgres postgres;
    static Path caFile;

    @BeforeAll
    static void start() throws Exception {
        postgres = ThrowawayPostgres.start();
        ThrowawayCertificates ca = ThrowawayCertificates.authority("postgres test CA");
        caFile = ca.writeCertificate(dir.resolve("ca.pem"));
        Issued server = ca.server("localhost", List.of("localhost", "127.0.0.1"), "EC");
        try (Connection c = postgres.dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("create role orders_tls login password '" + PASSWORD + "'");
        }
        postgres.enableTls(server, """
                local all all trust
                host all postgres 127.0.0.1/32 trust
                hostssl all orders_tls 127.0.0.1/32 scram-sha-256
                """);
        try (Connection c = postgres.dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            assertThat(single(s, "show ssl")).isEqualTo("on");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void verifyFullAgainstTheCaConnectsOverTls() throws Exception {
        String url = DatabaseTls.verifyFull("jdbc:postgresql://localhost:" + postgres.port() + "/postgres", caFile);
        try (Connection c = DriverManager.getConnection(url, "orders_tls", PASSWORD); Statement s = c.createStatement()) {
            assertThat(single(s, "select ssl::text from pg_stat_ssl where pid = pg_backend_pid()")).isEqualTo("true");
        }
    }

    @Test
    void aServerCertificateFromAnotherCaIsRefused() {
        Path otherCa = ThrowawayCertificates.authority("other CA").writeCertificate(dir.resolve("other.pem"));
        String url = DatabaseTls.verifyFull("jdbc:postgresql://localhost:" + postgres.port() + "/postgres", otherCa);
        assertThatThrownBy(() -> DriverManager.getConnection(url, "orders_tls", PASSWORD).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("SSL error")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aConnectionWithoutTlsIsRefused() {
        String url = "jdbc:postgresql://localhost:" + postgres.port() + "/postgres?sslmode=disable";
        assertThatThrownBy(() -> DriverManager.getConnection(url, "orders_tls", PASSWORD).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("no encryption");
    }

    @Test
    void checkSaysInOneLineThatTheServerCannotBeVerifiedAgainstTheCa() throws Exception {
        Path otherCa = ThrowawayCertificates.authority("check's CA").writeCertificate(dir.resolve("check.pem"));
        Path password = Files.writeString(dir.resolve("db-password"), PASSWORD + "\n");
        CommandOutput check = CommandOutput.of(new CheckCommand(), "--db-url",
                "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres", "--db-user", "orders_tls",
                "--db-password-file", password.toString(), "--db-tls-ca-file", otherCa.toString(),
                "--nats-url", "nats://127.0.0.1:1");

        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out().lines().filter(line -> line.contains("PostgreSQL")).toList()).singleElement()
                .satisfies(line -> assertThat(line).startsWith("FAIL  PostgreSQL: ").contains("cannot be verified over TLS")
                        .contains("ORDERS_DB_TLS_CA_FILE").doesNotContain(PASSWORD));
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
