package dev.orderservice.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderservice.config.Redaction;
import dev.orderservice.config.Secret;
import dev.orderservice.config.SettingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NatsSettingsThatContradictAreRefusedTest {

    private static final Secret PASSWORD = Secret.of("pw-123456");
    private static final Secret TOKEN = Secret.of("tk-123456");

    @TempDir
    static Path dir;

    static Stream<Arguments> contradictions() {
        Path missing = Path.of("/nonexistent/user.creds");
        return Stream.of(
                Arguments.of(new NatsSecurity("orders", null, null, null, null, null, null, null),
                        "ORDERS_NATS_USER and ORDERS_NATS_PASSWORD (or ORDERS_NATS_PASSWORD_FILE) go together: set both"),
                Arguments.of(new NatsSecurity(null, PASSWORD, null, null, null, null, null, null),
                        "ORDERS_NATS_USER and ORDERS_NATS_PASSWORD (or ORDERS_NATS_PASSWORD_FILE) go together: set both"),
                Arguments.of(new NatsSecurity("orders", PASSWORD, TOKEN, null, null, null, null, null),
                        "NATS credentials are set in more than one way (ORDERS_NATS_USER/ORDERS_NATS_PASSWORD, "
                                + "ORDERS_NATS_TOKEN): set one"),
                Arguments.of(new NatsSecurity(null, null, null, null, missing, null, null, null),
                        "ORDERS_NATS_CREDS_FILE=/nonexistent/user.creds: no such file"),
                Arguments.of(new NatsSecurity(null, null, null, null, null, null, Path.of("/c.pem"), null),
                        "a client certificate needs both its certificate and its key file"));
    }

    @ParameterizedTest
    @MethodSource("contradictions")
    void oneLineSaysWhatToFix(NatsSecurity security, String message) {
        assertThatThrownBy(() -> NatsConnectionOptions.builder("nats://127.0.0.1:4222", security))
                .isInstanceOf(SettingException.class)
                .hasMessage(message);
    }

    @Test
    void aSeedFileWithoutASeedIsRefused() throws Exception {
        Path notASeed = Files.writeString(dir.resolve("bad.nk"), "hello\n");
        NatsSecurity security = new NatsSecurity(null, null, null, notASeed, null, null, null, null);
        assertThatThrownBy(() -> NatsConnectionOptions.builder("nats://127.0.0.1:4222", security))
                .isInstanceOf(SettingException.class)
                .hasMessage("ORDERS_NATS_NKEY_SEED_FILE=" + notASeed + " holds no NKey seed");
    }

    @Test
    void theDescriptionNamesTheWayNeverTheSecret() {
        assertThat(new NatsSecurity("orders", PASSWORD, null, null, null, Path.of("/ca.pem"), null, null))
                .hasToString("user orders, TLS CA /ca.pem");
        assertThat(new NatsSecurity(null, null, TOKEN, null, null, null, null, null)).hasToString("token");
        assertThat(NatsSecurity.NONE).hasToString("no credentials");
    }

    @Test
    void flagsAndVariablesBecomeTheRecordAndTheirSecretsAreRedactedFromNowOn() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "file-token-98765\n");
        NatsSecurity security = NatsSecurity.of(" ", null, "", null, file.toString(), null, null, "/ca.pem", "", null);
        assertThat(security.token().reveal()).isEqualTo("file-token-98765");
        assertThat(security.user()).isNull();
        assertThat(security.tlsCaFile()).isEqualTo(Path.of("/ca.pem"));
        assertThat(security.tlsCertFile()).isNull();
        assertThat(Redaction.process().redact("token file-token-98765 refused")).isEqualTo("token **** refused");
    }

    @Test
    void noCredentialsIsAnOpenNats() throws Exception {
        assertThat(NatsConnectionOptions.builder("nats://127.0.0.1:4222, nats://127.0.0.1:4223", NatsSecurity.NONE)
                .build().getServers()).hasSize(2);
    }
}
