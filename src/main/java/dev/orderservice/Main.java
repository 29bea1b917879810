package dev.orderservice;

import dev.orderservice.access.AuditLog;
import dev.orderservice.config.BuildInfo;
import dev.orderservice.config.ExitCodes;
import dev.orderservice.config.Redaction;
import dev.orderservice.config.SettingException;
import dev.orderservice.ops.CheckCommand;
import dev.orderservice.ops.EraseCommand;
import dev.orderservice.ops.MigrateCommand;
import dev.orderservice.ops.ReplayRejectedCommand;
import dev.orderservice.publish.PublishCommand;
import java.util.concurrent.Callable;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;

/**
 * The command line: {@code serve} (the default), {@code publish}, and the operator commands
 * {@code migrate}, {@code check}, {@code replay-rejected} and {@code erase}. Expected failures (bad
 * configuration, unreachable services) end with one line on stderr and a non-zero exit code from
 * {@link ExitCodes}, never a stack trace; a setting that cannot be used (a missing secret file)
 * is exit 2, like bad options.
 */
@Command(name = "order-service", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        subcommands = {ServeCommand.class, PublishCommand.class, MigrateCommand.class, CheckCommand.class,
                ReplayRejectedCommand.class, EraseCommand.class, HelpCommand.class},
        description = "Orders from NATS JetStream, stored in PostgreSQL, served from memory.")
public final class Main implements Callable<Integer> {

    private Main() {
    }

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        String[] effective = args.length == 0 ? new String[] {"serve"} : args;
        int code = commandLine().execute(effective);
        if (code != 0 || !"serve".equals(effective[0])) {
            // the audit appenders buffer their lines; a command's (erase's) must be out before it exits
            AuditLog.flush();
            System.exit(code);
        }
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof StartupException || e instanceof SettingException
                            || e instanceof InterruptedException) {
                        cmd.getErr().println("order-service: " + Redaction.process().redact(e.getMessage()));
                        return ExitCodes.CANNOT_START;
                    }
                    throw e;
                });
    }

    /** With no sub-command, run {@code serve}: the brief's default. */
    @Override
    public Integer call() {
        return commandLine().execute("serve");
    }

    /** Exits from a background thread, after the caller's log line is written. */
    static void exitLater(int code) {
        Thread.ofPlatform().name("exit").start(() -> System.exit(code));
    }

    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"order-service " + BuildInfo.version()};
        }
    }
}
