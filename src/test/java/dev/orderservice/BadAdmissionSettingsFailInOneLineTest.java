package dev.orderservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.config.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A bad HTTP admission setting ends serve before anything starts, in one line naming the setting. */
class BadAdmissionSettingsFailInOneLineTest {

    /** Runs serve with these arguments: it must end before anything starts, with this one line. */
    private static void refused(String line, String... args) {
        StringWriter err = new StringWriter();
        CommandLine command = Main.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()));
        assertThat(command.execute(args)).isEqualTo(ExitCodes.CANNOT_START);
        assertThat(err.toString().strip()).isEqualTo("order-service: " + line);
    }

    @Test
    void aCountThatIsNoNumberOrNegativeIsOneLine() {
        refused("ORDERS_HTTP_RATE_LIMIT / --http-rate-limit must be a whole number of at least 0 (0 for no limit), "
                + "is 'fast'", "serve", "--http-rate-limit", "fast");
        refused("ORDERS_HTTP_MAX_CONNECTIONS / --http-max-connections must be a whole number of at least 0 "
                + "(0 for no limit), is '-1'", "serve", "--http-max-connections", "-1");
        refused("ORDERS_HTTP_RATE_BURST / --http-rate-burst must be a whole number of at least 1, is '0'", "serve",
                "--http-rate-burst", "0");
        refused("ORDERS_LIVE_PER_CLIENT / --live-per-client must be a whole number of at least 0 (0 for no limit), "
                + "is '2.5'", "serve", "--live-per-client", "2.5");
    }

    @Test
    void anExemptEntryThatIsNoLiteralAddressIsOneLine() {
        // a name, a name of hex letters only (Jetty would ask DNS), a short form ("1.2.3" is 1.2.0.3
        // to InetAddress), a prefix too long, an empty entry
        for (String entry : new String[] {"proxy.example.com", "cafe", "ad.be", "1.2.3", "10.0.0.0/99", "10.1-10.2",
                ""}) {
            refused("ORDERS_HTTP_LIMIT_EXEMPT / --http-limit-exempt: '" + entry + "' is not an address, a range a-b or "
                    + "a CIDR block", "serve", "--http-limit-exempt", "127.0.0.1," + entry + ",::1");
        }
    }
}
