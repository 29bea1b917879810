package dev.orderservice.ops;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** How operator commands end badly: one line on stderr naming the command, exit code 1. */
final class Report {

    static final int EXIT_FAILED = 1;

    private Report() {
    }

    static int fail(CommandSpec spec, String command, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(command + ": " + message);
        err.flush();
        return EXIT_FAILED;
    }
}
