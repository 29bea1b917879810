package dev.orderservice.ops;

import dev.orderservice.config.ExitCodes;
import dev.orderservice.config.Redaction;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How operator commands end badly: one line on stderr naming the command, with any credential
 * taken out, and {@link ExitCodes#FAILED}.
 */
final class Report {

    private Report() {
    }

    static int fail(CommandSpec spec, String command, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(command + ": " + Redaction.process().redact(message));
        err.flush();
        return ExitCodes.FAILED;
    }
}
