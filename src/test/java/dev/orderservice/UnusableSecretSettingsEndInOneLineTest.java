package dev.orderservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.config.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A secret or certificate setting that cannot be used ends every command before it connects
 * anywhere: one line on stderr naming the setting (never a secret's content), exit 2.
 */
class UnusableSecretSettingsEndInOneLineTest {

    private static final String DB = "--db-url=jdbc:postgresql://127.0.0.1:1/orders";
    private static final String NATS = "--nats-url=nats://127.0.0.1:1";

    @TempDir
    static Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "check " + DB + " " + NATS + " --db-password-file=MISSING | ORDERS_DB_PASSWORD_FILE=MISSING: no such file",
            "migrate " + DB + " --db-migration-password-file=MISSING | ORDERS_DB_MIGRATION_PASSWORD_FILE=MISSING: no such file",
            "replay-rejected " + DB + " --db-password=pw-given --db-password-file=SECRET "
                    + "| ORDERS_DB_PASSWORD and ORDERS_DB_PASSWORD_FILE are both set: set one",
            "check " + DB + " " + NATS + " --db-tls-ca-file=MISSING | ORDERS_DB_TLS_CA_FILE=MISSING: no such readable file",
            "check " + NATS + " --db-tls-ca-file=SECRET | ORDERS_DB_TLS_CA_FILE is set but ORDERS_DB_URL is not",
            "publish " + NATS + " --nats-user=orders --nats-password-file=MISSING "
                    + "| ORDERS_NATS_PASSWORD_FILE=MISSING: no such file",
            "publish " + NATS + " --nats-token-file=EMPTY | ORDERS_NATS_TOKEN_FILE=EMPTY is empty",
            "check " + DB + " " + NATS + " --nats-user=orders | ORDERS_NATS_USER and ORDERS_NATS_PASSWORD",
            "serve " + DB + " " + NATS + " --nats-password-file=SECRET --nats-token-file=SECRET "
                    + "| NATS credentials are set in more than one way",
            "serve " + DB + " " + NATS + " --nats-tls-ca-file=MISSING | MISSING",
            "serve " + DB + " " + NATS + " --http-tls-cert-file=SECRET "
                    + "| ORDERS_HTTP_TLS_CERT_FILE and ORDERS_HTTP_TLS_KEY_FILE go together"})
    void oneLineAndExitTwo(String command, String expected) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "file-secret-4711\n");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        String missing = dir.resolve("missing").toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = command.replace("MISSING", missing).replace("SECRET", secret.toString())
                .replace("EMPTY", empty.toString()).split(" ");

        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);

        assertThat(exit).isEqualTo(ExitCodes.CANNOT_START).isEqualTo(2);
        assertThat(err.toString().lines().toList()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("order-service: ").contains(expected.replace("MISSING", missing)
                        .replace("EMPTY", empty.toString()))
                .doesNotContain("file-secret-4711").doesNotContain("pw-given"));
        assertThat(out.toString()).isEmpty();
    }
}
