package dev.orderservice.ops;

import dev.orderservice.config.ConnectionOptions;
import dev.orderservice.config.ConnectionSettings;
import dev.orderservice.config.ExitCodes;
import dev.orderservice.config.Redaction;
import dev.orderservice.config.SettingException;
import dev.orderservice.embedded.RuntimeFile;
import dev.orderservice.ops.DatabaseTarget.IfNotRunning;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code check}: whether PostgreSQL and NATS are there and set up as the service needs, one line
 * per check on stdout. Exit 0 when every check passed, 1 otherwise. Changes nothing.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks PostgreSQL (login, database, migration state, privileges) and NATS (connection, "
                + "JetStream, stream, durable consumer) and prints one line per check.",
                "Exit code 0 when all pass, 1 otherwise. With no --db-url / --nats-url it checks the embedded "
                        + "services of a serve running on --data-dir."})
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() throws InterruptedException, SettingException {
        ConnectionSettings settings = connection.settings();
        List<CheckLine> lines = new ArrayList<>(postgres(settings));
        lines.addAll(nats(settings));
        PrintWriter out = spec.commandLine().getOut();
        // the drivers' words go out as they are; the one redaction step takes any credential out
        lines.forEach(line -> out.println(Redaction.process().redact(line.render())));
        out.flush();
        return lines.stream().allMatch(CheckLine::ok) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static List<CheckLine> postgres(ConnectionSettings settings) throws InterruptedException {
        try (DatabaseTarget target = DatabaseTarget.open(settings, IfNotRunning.FAIL)) {
            return PostgresChecks.run(target);
        } catch (CommandFailure | IOException e) {
            return List.of(CheckLine.fail("PostgreSQL", e.getMessage()));
        }
    }

    private List<CheckLine> nats(ConnectionSettings settings) throws InterruptedException, SettingException {
        Optional<String> url = natsUrl(settings);
        if (url.isEmpty()) {
            return List.of(CheckLine.fail("NATS", "ORDERS_NATS_URL is unset and no serve runs in "
                    + settings.dataDir() + "; set ORDERS_NATS_URL (or --nats-url), or start serve"));
        }
        return NatsChecks.run(new NatsChecks.Target(url.get(), settings.nats().security(), connection.stream(),
                connection.subject(), connection.consumer()));
    }

    /** The configured URL, else the embedded broker of a serve that is still alive. */
    static Optional<String> natsUrl(ConnectionSettings settings) {
        if (!settings.nats().embedded()) {
            return Optional.of(settings.nats().url());
        }
        return RuntimeFile.read(settings.dataDir())
                .filter(values -> alive(values.getProperty(RuntimeFile.PID)))
                .map(values -> values.getProperty(RuntimeFile.NATS_URL))
                .filter(found -> !found.isBlank());
    }

    private static boolean alive(String pid) {
        try {
            return pid != null && ProcessHandle.of(Long.parseLong(pid.trim())).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
