package dev.orderservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.CommandOutput;
import dev.orderservice.testing.ConfiguredNats;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.ServiceProcess;
import dev.orderservice.testing.ThrowawayCertificates;
import dev.orderservice.testing.ThrowawayCertificates.Issued;
import dev.orderservice.testing.ThrowawayPostgres;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service with secrets everywhere: PostgreSQL over TLS with verify-full and both
 * logins' passwords in files, NATS over TLS with a user whose password is in a file, HTTPS with a
 * certificate made by the test. It ingests what {@code publish} sends through that NATS, serves it
 * over HTTPS to a client that trusts the test CA, {@code check} passes; a password NATS refuses is
 * one line, and serve stays not-ready until the server is fixed. None of the secrets appears in
 * anything the processes wrote or answered.
 */
class NoSecretInAnyOutputIT {

    private static final int ORDERS = 20;
    private static final String DB_APP = secret("db-app");
    private static final String DB_OWNER = secret("db-owner");
    private static final String NATS_PASSWORD = secret("nats");
    private static final String WRONG_PASSWORD = secret("wrong");

    @TempDir
    static Path dir;
    static ThrowawayCertificates ca;
    static ThrowawayPostgres postgres;
    static ConfiguredNats nats;
    static String tlsBlock;

    @BeforeAll
    static void start() throws Exception {
        ca = ThrowawayCertificates.authority("secrets test CA");
        Issued server = ca.localhostServer();
        postgres = ThrowawayPostgres.start();
        try (Connection c = postgres.dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("create role secure_owner login password '" + DB_OWNER + "'");
            s.execute("create role secure_app login password '" + DB_APP + "'");
            s.execute("create database orders_secure owner secure_owner");
            s.execute("revoke all on database orders_secure from public");
            s.execute("grant connect on database orders_secure to secure_app");
        }
        postgres.enableTls(server, """
                local all all trust
                host all postgres 127.0.0.1/32 trust
                hostssl all secure_owner,secure_app 127.0.0.1/32 scram-sha-256
                hostssl all secure_owner,secure_app ::1/128 scram-sha-256
                """);
        tlsBlock = "tls {\n  cert_file: \"" + server.writeChain(dir.resolve("nats.pem")) + "\"\n  key_file: \""
                + server.writePkcs8Key(dir.resolve("nats.key")) + "\"\n  timeout: 3\n}\n";
        // the server starts with another password: serve must wait, not ready, until it is fixed
        nats = ConfiguredNats.start(dir, tlsBlock + authorization("not-the-service-one"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (nats != null) {
            nats.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theServiceWorksThroughTlsAndPasswordsAndNoSecretAppearsInItsOutput() throws Exception {
        Map<String, String> env = secureEnvironment();
        List<String> outputs = new ArrayList<>();
        try (ServiceProcess serve = new ServiceProcess(env, List.of("serve"), "no-secret-in-any-output")
                .overHttps(ca.trustingContext()).start()) {
            Await.until(Duration.ofSeconds(60), serve::logLines,
                    lines -> lines.stream().anyMatch(l -> l.contains("refused the credentials")),
                    "serve to say NATS refused the credentials");
            Await.until(Duration.ofSeconds(30), () -> serve.get("/health/ready").statusCode(), status -> status == 503,
                    "readiness to answer 503 over HTTPS");

            nats.reload(tlsBlock + authorization(NATS_PASSWORD));
            serve.awaitReady();

            CommandOutput publish = CommandOutput.ofJar(natsEnvironment(env, "nats-password"), "publish",
                    "--count", String.valueOf(ORDERS), "--seed", "12", "--no-progress");
            assertThat(publish.exit()).as(publish.err()).isZero();
            JsonNode page = Await.until(Duration.ofSeconds(30),
                    () -> SampleOrders.parse(serve.get("/api/orders?limit=100").body()),
                    body -> body.get("items").size() == ORDERS, "the published orders to be served");
            HttpResponse<String> order = serve.get("/api/orders/" + page.get("items").get(0).get("order_uid").asText());
            assertThat(order.statusCode()).isEqualTo(200);
            assertThat(order.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(order.headers().firstValue("strict-transport-security")).isPresent();

            CommandOutput check = CommandOutput.ofJar(env, "check");
            assertThat(check.exit()).as(check.out()).isZero();
            Path wrong = Files.writeString(dir.resolve("wrong-password"), WRONG_PASSWORD + "\n");
            CommandOutput refused = CommandOutput.ofJar(natsEnvironment(env, wrong.getFileName().toString()), "check");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.out().lines().filter(l -> l.startsWith("FAIL")).toList()).singleElement()
                    .satisfies(l -> assertThat(l).contains("refused the credentials", "Authorization Violation"));

            for (String path : List.of("/api/status", "/metrics", "/health/ready", "/api/rejected", "/api/orders/-x-!")) {
                outputs.add(serve.get(path).body());
            }
            outputs.addAll(List.of(publish.out(), publish.err(), check.out(), check.err(), refused.out(),
                    refused.err(), Files.readString(dir.resolve("data").resolve("runtime.properties"))));
            assertThat(serve.stop()).isIn(0, 143);
            List<String> log = serve.logLines();
            // JSON lines write "/" as "\/"
            assertThat(log).anyMatch(l -> l.replace("\\/", "/").contains("listening on https://127.0.0.1:"))
                    .anyMatch(l -> l.contains("TLS verify-full against"));
            outputs.addAll(log);
        }
        for (String secret : List.of(DB_APP, DB_OWNER, NATS_PASSWORD, WRONG_PASSWORD)) {
            assertThat(outputs).noneMatch(output -> output.contains(secret));
        }
    }

    /** Every connection secured, every secret in a file. */
    private static Map<String, String> secureEnvironment() throws Exception {
        Path caFile = ca.writeCertificate(dir.resolve("ca.pem"));
        Issued https = ca.localhostServer();
        Map<String, String> env = new HashMap<>();
        env.put("ORDERS_DATA_DIR", dir.resolve("data").toString());
        env.put("ORDERS_LOG_FORMAT", "json");
        env.put("ORDERS_DB_URL", "jdbc:postgresql://localhost:" + postgres.port() + "/orders_secure");
        env.put("ORDERS_DB_USER", "secure_app");
        env.put("ORDERS_DB_PASSWORD_FILE", write("db-app-password", DB_APP));
        env.put("ORDERS_DB_MIGRATION_USER", "secure_owner");
        env.put("ORDERS_DB_MIGRATION_PASSWORD_FILE", write("db-owner-password", DB_OWNER));
        env.put("ORDERS_DB_TLS_CA_FILE", caFile.toString());
        env.put("ORDERS_NATS_URL", nats.url("nats", "localhost"));
        env.put("ORDERS_NATS_USER", "orders");
        env.put("ORDERS_NATS_PASSWORD_FILE", write("nats-password", NATS_PASSWORD));
        env.put("ORDERS_NATS_TLS_CA_FILE", caFile.toString());
        env.put("ORDERS_HTTP_TLS_CERT_FILE", https.writeChain(dir.resolve("https.pem")).toString());
        env.put("ORDERS_HTTP_TLS_KEY_FILE", https.writePkcs8Key(dir.resolve("https.key")).toString());
        env.put("ORDERS_ACK_WAIT_SECONDS", "3");
        return env;
    }

    /** What publish and check need of {@code env}, with the NATS password read from {@code passwordFile} in dir. */
    private static Map<String, String> natsEnvironment(Map<String, String> env, String passwordFile) {
        Map<String, String> nats = new HashMap<>(env);
        nats.put("ORDERS_NATS_PASSWORD_FILE", dir.resolve(passwordFile).toString());
        return nats;
    }

    private static String authorization(String password) {
        return "authorization { user: orders, password: \"" + password + "\" }\n";
    }

    private static String write(String name, String secret) throws Exception {
        return Files.writeString(dir.resolve(name), secret + "\n").toString();
    }

    private static String secret(String what) {
        byte[] random = new byte[8];
        ThreadLocalRandom.current().nextBytes(random);
        return what + "-" + HexFormat.of().formatHex(random);
    }
}
