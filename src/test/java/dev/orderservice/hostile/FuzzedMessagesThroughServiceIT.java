package dev.orderservice.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.testing.AckedPublisher;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.ServiceProcess;
import dev.orderservice.testing.Sql;
import dev.orderservice.testing.ThrowawayNats;
import dev.orderservice.validation.MessageDecoder;
import dev.orderservice.validation.Verdict;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ten thousand generated messages, most of them hostile, through a real nats-server, the packaged
 * service and a real PostgreSQL: the service never dies or stops answering, everything is processed,
 * and what is stored and rejected is exactly what the messages deserve. The seed is random unless
 * {@code -Dfuzz.seed} fixes it; a failure names it.
 */
class FuzzedMessagesThroughServiceIT {

    @RegisterExtension
    static final RealServices services = RealServices.postgresOnly();

    private static final int MESSAGES = Integer.getInteger("fuzz.messages", 10_000);
    private static final int LIMIT = 256 * 1024;
    private static final Duration PROCESSING_BOUND = Duration.ofMinutes(3);

    @Test
    void theServiceSurvivesAndAccountsForEveryMessage() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        try (ThrowawayNats nats = ThrowawayNats.start()) {
            String db = services.postgres().newDatabase();
            try (ServiceProcess service = ServiceProcess.external(db, nats.url(), "fuzz", Map.of()).startAndAwaitReady();
                    LivenessWatch watch = LivenessWatch.start(service)) {
                Sent sent = publish(nats.url(), seed);
                String run = "seed " + seed + ": " + sent;
                long expectedRows = sent.stored().size() + sent.rejected();
                Await.until(PROCESSING_BOUND, () -> Rows.count(db, "orders") + Rows.count(db, "rejected_messages"),
                        n -> n >= expectedRows, "every message stored or rejected (" + run + ")");
                Await.until(Duration.ofMinutes(1), () -> pending(nats.url()), n -> n == 0,
                        "the consumer to have acked every message (" + run + ")");

                Map<String, Long> byReason = Rows.rejectedByReason(db);
                Set<String> storedUids = Rows.orderUids(db);
                report(seed, sent, storedUids.size(), byReason, watch);
                assertThat(watch.failures()).as("liveness failures, " + run).isEmpty();
                assertThat(service.isAlive()).as("the service is alive, " + run).isTrue();
                assertAccounted(sent, storedUids, byReason, run);
                servedExactly(service, sent, run);
                assertThat(Files.readString(service.log())).as(run).doesNotContain("the consumer stopped unexpectedly")
                        .doesNotContain("unexpected error answering");
            }
        }
    }

    /** Stored are exactly the distinct valid orders; rejected, exactly the rest but duplicates, for the right reasons. */
    private static void assertAccounted(Sent sent, Set<String> storedUids, Map<String, Long> byReason, String run) {
        assertThat(storedUids).as("stored order ids, " + run).isEqualTo(sent.stored().keySet());
        assertThat(byReason.values().stream().mapToLong(Long::longValue).sum()).as("rejected, " + run)
                .isEqualTo(sent.rejected());
        assertThat(byReason.getOrDefault("conflict", 0L)).as("conflicts, " + run).isEqualTo(sent.conflicts());
        assertThat(byReason.getOrDefault("too_large", 0L)).as("too large, " + run).isEqualTo(sent.tooLarge());
        assertThat(byReason.keySet()).as(run).isSubsetOf("malformed_json", "invalid_order", "conflict", "too_large");
    }

    /** What was published, counted by what each message deserves. */
    record Sent(Map<String, byte[]> stored, int valid, int duplicates, int conflicts, int tooLarge, int invalid,
            Map<String, Integer> byLabel) {

        long rejected() {
            return (long) conflicts + tooLarge + invalid;
        }

        @Override
        public String toString() {
            return "sent " + (valid + duplicates + conflicts + tooLarge + invalid) + ": " + valid + " valid ("
                    + stored.size() + " distinct), " + duplicates + " duplicates, " + conflicts + " conflicts, "
                    + tooLarge + " too large, " + invalid + " other invalid";
        }
    }

    private static Sent publish(String natsUrl, long seed) throws Exception {
        MessageDecoder decoder = new MessageDecoder(LIMIT);
        Map<String, byte[]> stored = new HashMap<>();
        Map<String, Integer> byLabel = new TreeMap<>();
        EnumMap<HostileMessages.Expect, Integer> counts = new EnumMap<>(HostileMessages.Expect.class);
        try (AckedPublisher publisher = new AckedPublisher(natsUrl, "orders")) {
            Iterator<HostileMessages.Message> messages = new HostileMessages(seed, LIMIT, true).stream(MESSAGES);
            while (messages.hasNext()) {
                HostileMessages.Message m = messages.next();
                publisher.send(m.payload());
                counts.merge(m.expect(), 1, Integer::sum);
                byLabel.merge(m.label(), 1, Integer::sum);
                if (m.expect() == HostileMessages.Expect.STORED) {
                    stored.put(m.orderUid(), ((Verdict.Accepted) decoder.decode(m.payload())).json());
                }
            }
            publisher.flush();
        }
        return new Sent(stored, counts.getOrDefault(HostileMessages.Expect.STORED, 0),
                counts.getOrDefault(HostileMessages.Expect.DUPLICATE, 0),
                counts.getOrDefault(HostileMessages.Expect.CONFLICT, 0),
                counts.getOrDefault(HostileMessages.Expect.TOO_LARGE, 0),
                counts.getOrDefault(HostileMessages.Expect.REJECTED, 0), byLabel);
    }

    /** Messages the consumer has not yet acked: waiting for delivery, or delivered and unacked. */
    private static long pending(String natsUrl) throws Exception {
        try (Connection connection = Nats.connect(natsUrl)) {
            ConsumerInfo info = connection.jetStreamManagement().getConsumerInfo("ORDERS", "order-service");
            return info.getNumPending() + info.getNumAckPending();
        }
    }

    /** Every stored order is served byte for byte as the decoder made it; a sample, to bound the time. */
    private static void servedExactly(ServiceProcess service, Sent sent, String run) throws Exception {
        List<String> uids = new ArrayList<>(new TreeSet<>(sent.stored().keySet()));
        int step = Math.max(1, uids.size() / 300);
        for (int i = 0; i < uids.size(); i += step) {
            String uid = uids.get(i);
            var response = service.get("/api/orders/" + uid);
            assertThat(response.statusCode()).as("GET %s, %s", uid, run).isEqualTo(200);
            assertThat(response.body()).as("GET %s, %s", uid, run)
                    .isEqualTo(new String(sent.stored().get(uid), StandardCharsets.UTF_8));
        }
    }

    private static void report(long seed, Sent sent, int stored, Map<String, Long> byReason, LivenessWatch watch)
            throws Exception {
        String figures = "fuzz through the service (seed " + seed + "): " + sent + "; stored " + stored
                + ", rejected " + byReason + "; liveness probes " + watch.probes() + ", failed "
                + watch.failures().size() + "\n  messages by kind: " + sent.byLabel() + "\n";
        System.out.print(figures);
        Path file = Path.of("target", "fault-figures.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, figures, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Queries of what the service wrote. */
    private static final class Rows {

        static long count(String db, String table) throws Exception {
            return Sql.count(db, "select count(*) from " + table);
        }

        static Map<String, Long> rejectedByReason(String db) throws Exception {
            Map<String, Long> counts = new TreeMap<>();
            try (var c = DriverManager.getConnection(db, "postgres", ""); var s = c.createStatement();
                    ResultSet r = s.executeQuery("select reason, count(*) from rejected_messages group by reason")) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getLong(2));
                }
            }
            return counts;
        }

        static Set<String> orderUids(String db) throws Exception {
            Set<String> uids = new HashSet<>();
            try (var c = DriverManager.getConnection(db, "postgres", ""); var s = c.createStatement();
                    ResultSet r = s.executeQuery("select order_uid from orders")) {
                while (r.next()) {
                    uids.add(r.getString(1));
                }
            }
            return uids;
        }
    }
}
