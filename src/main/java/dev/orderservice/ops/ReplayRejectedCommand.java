package dev.orderservice.ops;

import dev.orderservice.config.ByteSizeConverter;
import dev.orderservice.config.ConnectionOptions;
import dev.orderservice.config.Defaults;
import dev.orderservice.config.ExitCodes;
import dev.orderservice.config.SettingException;
import dev.orderservice.ops.DatabaseTarget.IfNotRunning;
import dev.orderservice.store.Database;
import dev.orderservice.store.OrderWriter;
import dev.orderservice.store.PostgresFailure;
import dev.orderservice.store.RejectedReplay;
import dev.orderservice.validation.MessageDecoder;
import dev.orderservice.validation.RejectReason;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code replay-rejected}: after a rules change, re-validates rejected messages and stores those
 * that pass as orders; see {@link Replayer}. Prints one summary line on stdout.
 */
@Command(name = "replay-rejected", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Re-validates rejected messages with this build's rules and stores those that now pass as "
                + "orders (idempotently: duplicates are recognised, conflicts stay rejected). Replayed rows are "
                + "marked (replayed_at) and leave the rejected listings. Messages whose whole payload was not "
                + "kept (too_large, or older than schema version 2 and over 4 KiB) are reported as not "
                + "replayable.",
                "With no --db-url it works on the embedded PostgreSQL under --data-dir."})
public final class ReplayRejectedCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--dry-run", description = "Validate and count what would happen; change nothing.")
    boolean dryRun;

    @Option(names = "--reason", paramLabel = "REASON", split = ",",
            description = "Only messages rejected for these reasons (repeatable or comma-separated): "
                    + "malformed_json, invalid_order, too_large, conflict, unstorable (default: all).")
    List<String> reasons = List.of();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Examine at most N rejected messages, oldest first (default: 0 = all).")
    long limit;

    @Option(names = "--max-message-bytes", paramLabel = "SIZE",
            defaultValue = "${env:ORDERS_MAX_MESSAGE_BYTES:-" + Defaults.MAX_MESSAGE_SIZE + "}",
            converter = ByteSizeConverter.class,
            description = "The size limit of the rules to apply, as serve's (env ORDERS_MAX_MESSAGE_BYTES; "
                    + "default " + Defaults.MAX_MESSAGE_SIZE + ").")
    long maxMessageBytes;

    @Override
    public Integer call() throws InterruptedException, SettingException {
        Set<String> chosen = validatedReasons();
        if (limit < 0 || maxMessageBytes > Integer.MAX_VALUE) {
            throw new ParameterException(spec.commandLine(), "--limit must be 0 or more, --max-message-bytes below 2g");
        }
        try (DatabaseTarget target = DatabaseTarget.open(connection.settings(), IfNotRunning.START);
                Database database = target.connect("replay-rejected")) {
            var replayer = new Replayer(new RejectedReplay(database.dataSource()),
                    new OrderWriter(database.dataSource()), new MessageDecoder((int) maxMessageBytes));
            ReplayCounts counts;
            try {
                counts = replayer.replay(chosen, limit == 0 ? Long.MAX_VALUE : limit, dryRun);
            } catch (SQLException e) {
                throw new CommandFailure(PostgresFailure.of(e).describe(target.url(), PostgresFailure.APP_LOGIN)
                        + "; what was stored so far stays, and a rerun continues", e);
            }
            spec.commandLine().getOut().println(counts.summary(dryRun));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        } catch (CommandFailure e) {
            return Report.fail(spec, "replay-rejected", e.getMessage());
        } catch (IOException e) {
            return Report.fail(spec, "replay-rejected", "embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }

    private Set<String> validatedReasons() {
        Set<String> known = Arrays.stream(RejectReason.values()).map(RejectReason::code).collect(Collectors.toSet());
        Set<String> chosen = new LinkedHashSet<>();
        for (String reason : reasons) {
            String code = reason.trim().toLowerCase(Locale.ROOT);
            if (!known.contains(code)) {
                throw new ParameterException(spec.commandLine(), "unknown --reason '" + reason + "'; one of "
                        + String.join(", ", known.stream().sorted().toList()));
            }
            chosen.add(code);
        }
        return chosen;
    }
}
