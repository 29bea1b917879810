package dev.orderservice.ops;

import dev.orderservice.config.ConnectionOptions;
import dev.orderservice.config.ConnectionSettings;
import dev.orderservice.config.ExitCodes;
import dev.orderservice.config.Redaction;
import dev.orderservice.config.SettingException;
import dev.orderservice.ingest.MessageKeys;
import dev.orderservice.json.Json;
import dev.orderservice.model.OrderId;
import dev.orderservice.nats.NatsConnectionOptions;
import dev.orderservice.ops.DatabaseTarget.IfNotRunning;
import dev.orderservice.peers.PeerNotices;
import dev.orderservice.store.Database;
import dev.orderservice.store.Erasures;
import dev.orderservice.store.PostgresFailure;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code erase}: removes orders everywhere (a customer's right to erasure): their rows in every
 * table and their rejected messages, their messages in the stream, and their entries in the cache
 * of every running instance; one audit line per order (logger {@code audit}, a JSON object).
 *
 * <p>In this order, each step idempotent, so a rerun after a crash at any point finishes the job:
 * tombstones first (from then on ingest refuses the ids, whatever the stream still holds or a
 * publisher re-sends), the stream's messages, the rows ({@link Erasures}), then the notice that
 * drops them from every cache; the cache is told last because until the rows are gone a
 * read-through could bring an order back into it, and told again once no read-through that began
 * before the delete can still be running (the read statement timeout).
 */
@Command(name = "erase", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Erases orders: all their rows, their rejected messages, their messages in the stream and "
                + "their entries in every running instance's cache. An erased id is refused if it is ever sent "
                + "again. Idempotent: rerun it after a failure.",
                "With no --db-url / --nats-url it works on the embedded services of a serve running on --data-dir."})
public final class EraseCommand implements Callable<Integer> {

    private static final Logger AUDIT = LoggerFactory.getLogger("audit");
    private static final Duration NOTICE_TIMEOUT = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Parameters(paramLabel = "ORDER_UID", arity = "0..*", description = "Ids of the orders to erase.")
    List<String> orderUids = List.of();

    @Option(names = "--file", paramLabel = "FILE", description = "Also erase the ids in FILE, one per line.")
    Path file;

    @Override
    public Integer call() throws InterruptedException, SettingException {
        Set<String> uids = requestedIds();
        ConnectionSettings settings = connection.settings();
        String natsUrl = CheckCommand.natsUrl(settings).orElse(null);
        if (natsUrl == null) {
            return Report.fail(spec, "erase", "ORDERS_NATS_URL is unset and no serve runs in " + settings.dataDir()
                    + "; set ORDERS_NATS_URL (or --nats-url), or start serve");
        }
        try (DatabaseTarget target = DatabaseTarget.open(settings, IfNotRunning.START);
                Database database = target.connectForDeletes("erase");
                Connection nats = Nats.connect(NatsConnectionOptions.builder(natsUrl, settings.nats().security())
                        .connectionName("order-service erase").connectionTimeout(NOTICE_TIMEOUT).maxReconnects(0)
                        .build())) {
            try {
                erase(uids, new Erasures(database.deleteDataSource()), nats);
                return ExitCodes.OK;
            } catch (SQLException e) {
                return Report.fail(spec, "erase", PostgresFailure.of(e).describe(target.url(),
                        target.migrationSettings()) + "; rerun erase to finish");
            }
        } catch (CommandFailure e) {
            return Report.fail(spec, "erase", e.getMessage());
        } catch (IOException | JetStreamApiException | TimeoutException e) {
            return Report.fail(spec, "erase", "NATS at " + Redaction.natsUrls(natsUrl) + " failed ("
                    + Redaction.process().redact(e.getMessage()) + "); rerun erase to finish");
        }
    }

    private void erase(Set<String> uids, Erasures erasures, Connection nats)
            throws SQLException, IOException, JetStreamApiException, InterruptedException, TimeoutException {
        String stream = connection.stream();
        Set<String> fresh = erasures.tombstone(uids);
        Map<String, String> keys = new LinkedHashMap<>(erasures.rejectedKeys(uids));
        StreamEraser.Found found = StreamEraser.scan(nats, stream, connection.subject(), uids);
        Map<Long, String> sequences = new LinkedHashMap<>(found.sequences());
        keys.forEach((key, uid) -> {
            long sequence = MessageKeys.sequence(key, stream);
            if (sequence > 0) {
                sequences.putIfAbsent(sequence, uid);
            }
        });
        int deleted = StreamEraser.delete(nats.jetStreamManagement(), stream, new TreeSet<>(sequences.keySet()));
        keys.putAll(found.messageKeys());
        Map<String, Erasures.Removed> removed = erasures.delete(uids, keys);
        PeerNotices.announceErased(nats, stream, uids, NOTICE_TIMEOUT);
        // a read-through that read the rows just before they went may cache the order after the
        // first notice; none can still be reading once the read statement timeout has passed
        Thread.sleep(Database.READ_STATEMENT_TIMEOUT.plusSeconds(1));
        PeerNotices.announceErased(nats, stream, uids, NOTICE_TIMEOUT);
        for (String uid : uids) {
            Erasures.Removed rows = removed.getOrDefault(uid, new Erasures.Removed(0, 0));
            audit(uid, rows, sequences.values().stream().filter(uid::equals).count(), !fresh.contains(uid));
        }
        spec.commandLine().getOut().println("erased " + uids.size() + " order(s): " + removed.values().stream()
                .mapToInt(r -> r.orderRows() + r.rejectedRows()).sum() + " row(s) and " + deleted
                + " stream message(s) removed; " + (uids.size() - fresh.size()) + " had been erased before");
        spec.commandLine().getOut().flush();
    }

    private static void audit(String uid, Erasures.Removed rows, long streamMessages, boolean erasedBefore) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "order_erased");
        line.put("order_uid", uid);
        line.put("order_rows", rows.orderRows());
        line.put("rejected_rows", rows.rejectedRows());
        line.put("stream_messages", streamMessages);
        line.put("erased_before", erasedBefore);
        try {
            AUDIT.info("{}", Json.mapper().writeValueAsString(line));
        } catch (IOException e) {
            throw new IllegalStateException("a map of strings and numbers always serialises", e);
        }
    }

    /** The ids from the arguments and the file, each well-formed; at least one. */
    private Set<String> requestedIds() {
        Set<String> uids = new LinkedHashSet<>(orderUids);
        if (file != null) {
            try {
                Files.readAllLines(file).stream().map(String::strip).filter(line -> !line.isEmpty()).forEach(uids::add);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read --file " + file + ": " + e.getMessage());
            }
        }
        if (uids.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "name at least one ORDER_UID, or --file");
        }
        for (String uid : uids) {
            if (!OrderId.isWellFormed(uid)) {
                throw new ParameterException(spec.commandLine(), "'" + uid + "' is not an order id: an order id is "
                        + OrderId.describe());
            }
        }
        return uids;
    }
}
