package dev.orderservice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.config.ExitCodes;
import dev.orderservice.testing.CommandOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** erase checks every id before it touches anything: a bad one, or none, is a usage error naming it. */
class EraseCommandRefusesBadIdsInOneLineTest {

    @Test
    void aMalformedIdIsRefusedBeforeAnyConnection() {
        CommandOutput out = CommandOutput.of(new EraseCommand(), "--db-url", "jdbc:postgresql://127.0.0.1:1/none",
                "ok-id", "not an id!");
        assertThat(out.exit()).isEqualTo(ExitCodes.BAD_OPTIONS);
        assertThat(out.err()).startsWith("'not an id!' is not an order id: an order id is ");
    }

    @Test
    void noIdAtAllIsRefused() throws Exception {
        Path empty = Files.createTempFile("erase", ".txt");
        CommandOutput out = CommandOutput.of(new EraseCommand(), "--file", empty.toString());
        assertThat(out.exit()).isEqualTo(ExitCodes.BAD_OPTIONS);
        assertThat(out.err()).startsWith("name at least one ORDER_UID, or --file");
    }

    @Test
    void anUnreadableFileIsRefused() {
        CommandOutput out = CommandOutput.of(new EraseCommand(), "--file", "/nonexistent/ids.txt");
        assertThat(out.exit()).isEqualTo(ExitCodes.BAD_OPTIONS);
        assertThat(out.err()).startsWith("cannot read --file /nonexistent/ids.txt");
    }
}
