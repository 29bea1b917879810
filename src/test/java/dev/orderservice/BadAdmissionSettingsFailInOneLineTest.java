package dev.orderservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.config.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A bad HTTP admission setting ends serve before anything starts, in one line naming the setting. */
class BadAdmissionSettingsFailInOneLineTest {

    private static String[] run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine line = Main.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()));
        int exit = line.execute(args);
        return new String[] {String.valueOf(exit), err.toString().strip()};
    }

    @Test
    void aCountThatIsNoNumberOrNegativeIsOneLine() {
        String[] result = run("serve", "--http-rate-limit", "fast");
        assertThat(result[0]).isEqualTo(String.valueOf(ExitCodes.CANNOT_START));
        assertThat(result[1]).isEqualTo("order-service: ORDERS_HTTP_RATE_LIMIT / --http-rate-limit must be a whole "
                + "number of at least 0 (0 for no limit), is 'fast'");
        assertThat(run("serve", "--http-max-connections", "-1")[1]).isEqualTo("order-service: "
                + "ORDERS_HTTP_MAX_CONNECTIONS / --http-max-connections must be a whole number of at least 0 "
                + "(0 for no limit), is '-1'");
        assertThat(run("serve", "--http-rate-burst", "0")[1]).isEqualTo("order-service: ORDERS_HTTP_RATE_BURST / "
                + "--http-rate-burst must be a whole number of at least 1, is '0'");
        assertThat(run("serve", "--live-per-client", "2.5")[1]).isEqualTo("order-service: ORDERS_LIVE_PER_CLIENT / "
                + "--live-per-client must be a whole number of at least 0 (0 for no limit), is '2.5'");
    }

    @Test
    void anExemptEntryThatIsNoAddressIsOneLine() {
        String[] result = run("serve", "--http-limit-exempt", "127.0.0.1,proxy.example.com");
        assertThat(result[0]).isEqualTo(String.valueOf(ExitCodes.CANNOT_START));
        assertThat(result[1]).isEqualTo("order-service: ORDERS_HTTP_LIMIT_EXEMPT / --http-limit-exempt: "
                + "'proxy.example.com' is not an address, a range a-b or a CIDR block");
        assertThat(run("serve", "--http-limit-exempt", "10.0.0.0/99")[1]).isEqualTo("order-service: "
                + "ORDERS_HTTP_LIMIT_EXEMPT / --http-limit-exempt: '10.0.0.0/99' is not an address, a range a-b or "
                + "a CIDR block");
    }
}
