package dev.orderservice.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderservice.config.Secret;
import dev.orderservice.config.SecretFile;
import dev.orderservice.testing.ConfiguredNats;
import dev.orderservice.testing.ThrowawayCertificates;
import dev.orderservice.testing.ThrowawayCertificates.Issued;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way of authenticating to NATS, each over TLS with a CA made by the test, against a real
 * nats-server: the client connects, publishes and receives. A wrong password, a server
 * certificate for another name and a missing client certificate are refused.
 */
class NatsConnectsThroughEveryCredentialIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    static Path dir;
    static ThrowawayCertificates ca;
    static Path caFile;
    static String tls;

    @BeforeAll
    static void certificates() {
        ca = ThrowawayCertificates.authority("orders test CA");
        caFile = ca.writeCertificate(dir.resolve("ca.pem"));
        // a DNS name only: the client must check the name it was given, not the address it resolved
        Issued server = ca.server("localhost", List.of("localhost"), "EC");
        tls = tlsBlock(server.writeChain(dir.resolve("server.pem")), server.writePkcs8Key(dir.resolve("server.key")),
                "");
    }

    @Test
    void userAndPasswordFromAFile() throws Exception {
        Path passwordFile = Files.writeString(dir.resolve("nats-password"), "pa$$ word\n");
        Secret password = SecretFile.read("ORDERS_NATS_PASSWORD_FILE", passwordFile);
        try (ConfiguredNats nats = ConfiguredNats.start(dir, tls
                + "authorization { user: orders, password: \"pa$$ word\" }\n")) {
            roundTrip(nats.url("nats", "localhost"), security("orders", password, null, null, null));
        }
    }

    @Test
    void aWrongPasswordIsRefusedInOneClearLine() throws Exception {
        try (ConfiguredNats nats = ConfiguredNats.start(dir, tls + "authorization { user: orders, password: right }\n")) {
            String url = nats.url("nats", "localhost");
            NatsSecurity wrong = security("orders", Secret.of("wrong-one"), null, null, null);
            assertThatThrownBy(() -> connect(url, wrong))
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(e.getMessage()).contains("Authorization Violation")
                            .doesNotContain("wrong-one").doesNotContain("\n"));
        }
    }

    @Test
    void aToken() throws Exception {
        try (ConfiguredNats nats = ConfiguredNats.start(dir, tls + "authorization { token: \"t0k-en\" }\n")) {
            roundTrip(nats.url("tls", "localhost"), security(null, null, Secret.of("t0k-en"), null, null));
        }
    }

    @Test
    void anNKeySeedFile() throws Exception {
        NKey user = NKey.createUser(new SecureRandom());
        Path seed = Files.writeString(dir.resolve("user.nk"), new String(user.getSeed()) + "\n");
        try (ConfiguredNats nats = ConfiguredNats.start(dir, tls
                + "authorization { users: [ { nkey: " + new String(user.getPublicKey()) + " } ] }\n")) {
            roundTrip(nats.url("nats", "localhost"), security(null, null, null, seed, null));
        }
    }

    @Test
    void aCredsFileOfTheJwtModel() throws Exception {
        OperatorMode operator = OperatorMode.create();
        Path creds = operator.writeUserCreds(dir.resolve("user.creds"));
        try (ConfiguredNats nats = ConfiguredNats.start(dir, tls + operator.serverConfig())) {
            roundTrip(nats.url("nats", "localhost"), security(null, null, null, null, creds));
        }
    }

    @Test
    void clientCertificatesWhenTheServerVerifiesThem() throws Exception {
        Issued server = ca.localhostServer();
        Issued client = ca.client("order-service");
        String verifying = tlsBlock(server.writeChain(dir.resolve("vserver.pem")),
                server.writeTraditionalKey(dir.resolve("vserver.key")), "ca_file: \"" + caFile + "\"\n  verify: true\n");
        Path cert = client.writeChain(dir.resolve("client.pem"));
        Path key = client.writeTraditionalKey(dir.resolve("client.key"));
        try (ConfiguredNats nats = ConfiguredNats.start(dir, verifying)) {
            String url = nats.url("nats", "localhost");
            roundTrip(url, new NatsSecurity(null, null, null, null, null, caFile, cert, key));
            assertThatThrownBy(() -> connect(url, new NatsSecurity(null, null, null, null, null, caFile, null, null)))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aCertificateForAnotherHostnameIsRefused() throws Exception {
        Issued elsewhere = ca.server("elsewhere.example", List.of("elsewhere.example"), "RSA");
        String wrongName = tlsBlock(elsewhere.writeChain(dir.resolve("elsewhere.pem")),
                elsewhere.writeTraditionalKey(dir.resolve("elsewhere.key")), "");
        try (ConfiguredNats nats = ConfiguredNats.start(dir, wrongName)) {
            NatsSecurity trusting = new NatsSecurity(null, null, null, null, null, caFile, null, null);
            assertThatThrownBy(() -> connect(nats.url("tls", "localhost"), trusting))
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(e.getMessage())
                            .contains("No subject alternative DNS name matching localhost"));
        }
    }

    @Test
    void aServerOutsideTheTrustedAuthorityIsRefused() throws Exception {
        Path otherCa = ThrowawayCertificates.authority("another CA").writeCertificate(dir.resolve("other-ca.pem"));
        try (ConfiguredNats nats = ConfiguredNats.start(dir, tls)) {
            NatsSecurity trusting = new NatsSecurity(null, null, null, null, null, otherCa, null, null);
            assertThatThrownBy(() -> connect(nats.url("nats", "localhost"), trusting))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("unable to find valid certification path");
        }
    }

    private static NatsSecurity security(String user, Secret password, Secret token, Path seed, Path creds) {
        return new NatsSecurity(user, password, token, seed, creds, caFile, null, null);
    }

    private static void roundTrip(String url, NatsSecurity security) throws Exception {
        try (Connection connection = connect(url, security)) {
            assertThat(connection.getServerInfo().isTLSRequired()).isTrue();
            Subscription subscription = connection.subscribe("orders.test");
            connection.publish("orders.test", "hello".getBytes(StandardCharsets.UTF_8));
            Message message = subscription.nextMessage(TIMEOUT);
            assertThat(message).isNotNull();
            assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    private static Connection connect(String url, NatsSecurity security) throws Exception {
        NatsFailures failures = new NatsFailures();
        try {
            return Nats.connect(NatsConnectionOptions.builder(url, security)
                    .connectionTimeout(TIMEOUT)
                    .maxReconnects(0)
                    .errorListener(failures)
                    .build());
        } catch (IOException e) {
            throw new IOException(failures.explain(e), e);
        }
    }

    private static String tlsBlock(Path cert, Path key, String extra) {
        return "tls {\n  cert_file: \"" + cert + "\"\n  key_file: \"" + key + "\"\n  timeout: 3\n  " + extra + "}\n";
    }
}
