package dev.orderservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.config.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A bad retention or stream-age duration ends serve before anything starts, in one line naming the setting. */
class BadLifecycleSettingsFailInOneLineTest {

    private static String[] run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine line = Main.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()));
        int exit = line.execute(args);
        return new String[] {String.valueOf(exit), err.toString()};
    }

    @Test
    void aDurationWithoutAUnitIsOneLine() {
        String[] result = run("serve", "--rejected-retention", "30");
        assertThat(result[0]).isEqualTo(String.valueOf(ExitCodes.CANNOT_START));
        assertThat(result[1].strip()).isEqualTo("order-service: ORDERS_REJECTED_RETENTION / --rejected-retention "
                + "must be a duration like 30d, 12h, 15m or 10s, is '30'");
    }

    @Test
    void aZeroPayloadRetentionIsRefusedAndAZeroStreamAgeIsNot() {
        String[] result = run("serve", "--rejected-payload-retention", "0", "--stream-max-age", "0");
        assertThat(result[1].strip()).isEqualTo("order-service: ORDERS_REJECTED_PAYLOAD_RETENTION / "
                + "--rejected-payload-retention must be a duration like 30d, 12h, 15m or 10s, is '0'");
        assertThat(run("serve", "--stream-max-age", "x1")[1].strip()).isEqualTo("order-service: ORDERS_STREAM_MAX_AGE "
                + "/ --stream-max-age must be a duration like 30d, 12h, 15m or 10s (0 for none), is 'x1'");
    }
}
