package dev.orderservice.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * What a command printed and how it exited: run in this JVM through picocli ({@link #of}), or as
 * the packaged jar in a child process ({@link #ofJar}), which is how operators run it.
 */
public record CommandOutput(int exit, String out, String err) {

    public static CommandOutput of(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new CommandOutput(exit, out.toString(), err.toString());
    }

    /** {@code java -jar target/order-service.jar args...} with only the given ORDERS_* variables. */
    public static CommandOutput ofJar(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ServiceProcess.java(), "-Xmx256m", "-jar", ServiceProcess.jar()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("command", ".out");
        Path err = Files.createTempFile("command", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("ORDERS_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("order-service " + String.join(" ", args) + " did not finish in 3 minutes");
        }
        try {
            return new CommandOutput(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
