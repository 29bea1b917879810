package dev.orderservice.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orderservice.config.ExitCodes;
import dev.orderservice.embedded.RuntimeFile;
import dev.orderservice.testing.Ports;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Failures a user meets before any message is sent: one line on stderr, nothing on stdout, non-zero exit. */
class PublishCommandFailsInOneLineTest {

    @TempDir
    Path dataDir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void withoutAUrlOrARunningServeItSaysWhatToDo() {
        assumeTrue(System.getenv("ORDERS_NATS_URL") == null, "ORDERS_NATS_URL is set in this environment");
        int exit = run("--data-dir", dataDir.toString(), "--seed", "5");

        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("publish: no NATS URL given and no running serve found in " + dataDir
                + "; start `serve` or pass --nats-url" + System.lineSeparator());
    }

    @Test
    void anUnreachableServerIsOneLine() throws Exception {
        String url = "nats://127.0.0.1:" + Ports.free();
        int exit = run("--nats-url", url, "--no-progress");

        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("publish: cannot reach NATS at " + url).contains("--nats-url");
        assertThat(err.toString()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aStaleRuntimeFileIsNamedInTheError() throws Exception {
        assumeTrue(System.getenv("ORDERS_NATS_URL") == null, "ORDERS_NATS_URL is set in this environment");
        Properties runtime = new Properties();
        runtime.setProperty(RuntimeFile.NATS_URL, "nats://127.0.0.1:" + Ports.free());
        RuntimeFile.write(dataDir, runtime);

        int exit = run("--data-dir", dataDir.toString(), "--no-progress");

        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString().lines()).singleElement().asString().contains("cannot reach NATS").contains(RuntimeFile.in(dataDir).toString())
                .contains("is serve still running?");
    }

    @Test
    void fractionsOutOfRangeAreAUsageError() {
        int exit = run("--nats-url", "nats://127.0.0.1:1", "--invalid", "1.5");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("invalid must be a fraction from 0 to 1");
    }

    private int run(String... args) {
        return new CommandLine(new PublishCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }
}
