package dev.orderservice.publish;

import dev.orderservice.config.BrokerOptions;
import dev.orderservice.config.ExitCodes;
import dev.orderservice.config.Redaction;
import dev.orderservice.config.SettingException;
import dev.orderservice.nats.NatsConnectionOptions;
import dev.orderservice.nats.NatsFailures;
import dev.orderservice.nats.NatsSecurity;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code publish}: sends generated orders to the order stream, for demos, tests and load.
 *
 * <p>Output contract: stdout gets exactly one line, the summary; progress, notes and errors go to
 * stderr, errors as one line each. Exit code ({@link ExitCodes}) OK when every message was
 * acknowledged, FAILED when the run failed, BAD_OPTIONS for bad options.
 */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publishes generated orders to the JetStream stream: valid, internally consistent orders, "
                + "optionally mixed with invalid messages of assorted kinds and byte-identical re-sends.",
                "With no --nats-url it finds the embedded broker of a local `serve` through its data dir.",
                "Prints one summary line on stdout; progress and errors go to stderr."})
public final class PublishCommand implements Callable<Integer> {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Option(names = "--count", defaultValue = "1000", paramLabel = "N", description = "Messages to send (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "PER_SECOND",
            description = "Average messages per second; 0 sends as fast as acknowledgements come (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--invalid", defaultValue = "0", paramLabel = "FRACTION",
            description = "Share of invalid messages of assorted kinds, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double invalid;

    @Option(names = "--duplicates", defaultValue = "0", paramLabel = "FRACTION",
            description = "Share of messages that re-send an already sent valid order, same bytes, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double duplicates;

    @Option(names = "--seed", paramLabel = "LONG", description = "Seed for reproducible data (default: random; printed in the summary).")
    Long seed;

    @Option(names = "--dedup-ids", description = "Use the order_uid as a valid order's Nats-Msg-Id, so the broker "
            + "itself drops re-sends within the stream's duplicate window. Without it messages carry no id (the broker "
            + "then has no de-duplication to do) and re-sends reach the service, which must store them once.")
    boolean dedupIds;

    @Mixin
    private BrokerOptions broker;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar on stderr (default: only when attached to a terminal).")
    Boolean progress;

    @Option(names = "--window", defaultValue = "" + Publisher.DEFAULT_MAX_UNACKED, hidden = true, paramLabel = "N",
            description = "Most messages sent but not yet acknowledged (default: ${DEFAULT-VALUE}).")
    int window;

    @Override
    @SuppressWarnings("try") // Connection.close() may be interrupted; call() passes that on like the rest
    public Integer call() throws InterruptedException, SettingException {
        PublishPlan plan = plan();
        PrintWriter err = spec.commandLine().getErr();
        NatsSecurity security = broker.natsSecurity();
        BrokerAddress address;
        try {
            address = BrokerAddress.resolve(broker.natsUrl(), broker.dataDir());
        } catch (PublishException e) {
            return fail(e.getMessage());
        }
        try (Connection connection = connect(address, security)) {
            err.printf("publishing %d messages to stream %s, subject %s, at %s (%s); seed %d%n",
                    plan.count(), broker.stream(), broker.subject(), Redaction.natsUrls(address.url()), security,
                    plan.seed());
            err.flush();
            PublishReport report = publish(connection, plan, err);
            spec.commandLine().getOut().println(report.summary());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        } catch (PublishException e) {
            // the seed lets the user replay exactly the run that failed
            return fail(e.acknowledged() > 0 ? e.getMessage() + "; seed " + plan.seed() : e.getMessage());
        }
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("publish: " + Redaction.process().redact(message));
        err.flush();
        return ExitCodes.FAILED;
    }

    private PublishPlan plan() {
        long chosenSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong();
        try {
            return new PublishPlan(count, rate, invalid, duplicates, chosenSeed, dedupIds);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private PublishReport publish(Connection connection, PublishPlan plan, PrintWriter err)
            throws PublishException, InterruptedException {
        Publisher publisher = new Publisher(broker.stream(), broker.subject(), window, new Garbage());
        if (!showProgress()) {
            return publisher.publish(connection, plan);
        }
        try (ProgressBar bar = new ProgressBar(err, plan.count())) {
            return publisher.publish(connection, plan, bar::sent);
        }
    }

    private boolean showProgress() {
        // Java cannot ask whether stderr alone is a terminal; a console means an interactive session.
        return progress != null ? progress : System.console() != null;
    }

    /**
     * @throws PublishException when no server answers within {@link #CONNECT_TIMEOUT}, or it refuses the login
     * @throws SettingException when the security settings cannot be used
     */
    private static Connection connect(BrokerAddress address, NatsSecurity security)
            throws PublishException, SettingException, InterruptedException {
        // jnats's default listener logs every hiccup with a stack trace; this one keeps the latest
        // reason quietly, for the one line a failed connect() becomes
        NatsFailures failures = new NatsFailures();
        Options options = NatsConnectionOptions.builder(address.url(), security)
                .connectionName("order-service publish")
                .connectionTimeout(CONNECT_TIMEOUT)
                .errorListener(failures)
                .build();
        try {
            return Nats.connect(options);
        } catch (IOException e) {
            String reason = failures.explain(e);
            NatsFailures.Cause cause = NatsFailures.cause(reason);
            String shown = Redaction.natsUrls(address.url());
            throw new PublishException(cause == NatsFailures.Cause.UNREACHABLE
                    ? "cannot reach NATS at " + shown + " (" + reason + "); " + address.unreachableHint()
                    : cause.headline(shown) + " (" + reason + "); " + cause.advice(), 0, e);
        }
    }
}
