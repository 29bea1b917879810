package dev.orderservice.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.orderservice.ingest.IngestLoop;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.Scrape;
import dev.orderservice.testing.ServiceProcess;
import dev.orderservice.testing.Sql;
import dev.orderservice.testing.ThrowawayNats;
import dev.orderservice.testing.ThrowawayPostgres;
import dev.orderservice.testing.AckedPublisher;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One service, run as an app login that may only read and insert, with a migration login for
 * deletes, short retentions, stream limits, a cache too small to hold anything (every lookup is a
 * read-through): the isolation and retention promises, each on its own.
 */
class IsolationAndRetentionIT {

    private static final String OWNER = "lc_owner";
    private static final String APP = "lc_app";
    /** Unused by a service on external PostgreSQL and NATS, but names its process for jcmd. */
    private static final String DATA_DIR = "target/isolation-retention-" + ProcessHandle.current().pid();
    private static final int STORED = 40;
    private static ThrowawayPostgres postgres;
    private static ThrowawayNats nats;
    private static String db;
    private static ServiceProcess service;

    @BeforeAll
    static void start() throws Exception {
        postgres = ThrowawayPostgres.start();
        nats = ThrowawayNats.start();
        db = postgres.newDatabase();
        try (var c = DriverManager.getConnection(db, "postgres", null); Statement s = c.createStatement()) {
            s.execute("create role " + OWNER + " login");
            s.execute("create role " + APP + " login");
            s.execute("alter database " + db.substring(db.lastIndexOf('/') + 1) + " owner to " + OWNER);
            s.execute("alter schema public owner to " + OWNER);
        }
        Map<String, String> env = new HashMap<>(Map.of("ORDERS_DB_URL", db, "ORDERS_DB_USER", APP,
                "ORDERS_DB_MIGRATION_USER", OWNER, "ORDERS_NATS_URL", nats.url(),
                "ORDERS_REJECTED_RETENTION", "8s", "ORDERS_REJECTED_PAYLOAD_RETENTION", "3s",
                "ORDERS_STREAM_MAX_AGE", "1h", "ORDERS_STREAM_MAX_BYTES", "1g", "ORDERS_CACHE_MAX_BYTES", "1k",
                "ORDERS_ACK_WAIT_SECONDS", "30"));
        service = new ServiceProcess(env, List.of("serve", "--data-dir", DATA_DIR), "isolation-retention")
                .startAndAwaitReady();
        try (AckedPublisher publisher = new AckedPublisher(nats.url(), "orders")) {
            for (int i = 0; i < STORED; i++) {
                publisher.send(SampleOrders.bytes(SampleOrders.withUid("kept" + i)));
            }
        }
        Await.until(Duration.ofSeconds(30), () -> Sql.count(db, "select count(*) from orders"), n -> n == STORED,
                "the orders stored");
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        nats.close();
        postgres.close();
    }

    @Test
    void theStreamIsCreatedWithTheConfiguredLimits() throws Exception {
        try (Connection connection = Nats.connect(nats.url())) {
            StreamConfiguration config = connection.jetStreamManagement().getStreamInfo("ORDERS").getConfiguration();
            assertThat(config.getMaxAge()).isEqualTo(Duration.ofHours(1));
            assertThat(config.getMaxBytes()).isEqualTo(1L << 30);
        }
    }

    @Test
    void oldRejectedRowsAndPayloadsArePurgedAsTheMigrationLoginAndNewOnesKept() throws Exception {
        sendGarbage(5, 5000);
        String first = "select count(*) from rejected_messages where payload_bytes = 5000";
        Await.until(Duration.ofSeconds(20), () -> Sql.count(db, first + " and payload_full is not null"),
                n -> n == 5, "old garbage stored whole");
        Await.until(Duration.ofSeconds(10), () -> Sql.count(db, first + " and payload_full is null"),
                n -> n == 5, "the old payloads dropped after 3 s, the rows kept");
        sendGarbage(5, 6000);
        Await.until(Duration.ofSeconds(15), () -> Sql.count(db, first), n -> n == 0, "the old rows purged after 8 s");
        assertThat(Sql.count(db, "select count(*) from rejected_messages where payload_bytes = 6000"))
                .as("newer rows are kept").isEqualTo(5);
        Scrape scrape = Scrape.parse(service.get("/metrics").body());
        assertThat(scrape.sum("orders_rejected_purged_total")).isGreaterThanOrEqualTo(5);
        assertThat(scrape.sum("orders_rejected_payloads_purged_total")).isGreaterThanOrEqualTo(10);
        SQLException refused = catchThrowableOfType(SQLException.class, () -> {
            try (var c = DriverManager.getConnection(db, APP, null); Statement s = c.createStatement()) {
                s.execute("delete from rejected_messages");
            }
        });
        assertThat((Throwable) refused).as("the app login still may not delete").isNotNull();
        assertThat(refused.getSQLState()).isEqualTo("42501");
    }

    @Test
    void aLookupOfAnIdNeverStoredCostsNoQuery() throws Exception {
        Await.until(Duration.ofSeconds(30), service::logLines,
                lines -> lines.stream().anyMatch(l -> l.contains("id filter filled")), "the id filter filled");
        Scrape before = Scrape.parse(service.get("/metrics").body());
        for (int i = 0; i < 300; i++) {
            assertThat(service.get("/api/orders/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        }
        Scrape after = Scrape.parse(service.get("/metrics").body());
        assertThat(after.sum("orders_id_filter_answered_absent_total")
                - before.sum("orders_id_filter_answered_absent_total")).isEqualTo(300);
        Map<String, String> readPool = Map.of("pool", "orders");
        assertThat(after.sum("hikaricp_connections_usage_seconds_count", readPool)
                - before.sum("hikaricp_connections_usage_seconds_count", readPool))
                .as("read-pool borrows while 300 unknown ids were looked up (the filter's catch-up takes 2 per 5 s)")
                .isLessThanOrEqualTo(4);
        assertThat(after.sum("orders_id_filter_false_positive_ratio")).isLessThan(0.01);
        var stored = service.get("/api/orders/kept3");
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.headers().firstValue("X-Cache")).hasValue("MISS");
    }

    @Test
    void readThroughsPastTheBoundAreRefusedAt503WithRetryAfterNotQueued() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        try (var c = DriverManager.getConnection(db, "postgres", null); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("lock table orders in access exclusive mode");
            for (int i = 0; i < 40; i++) {
                answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + service.httpPort() + "/api/orders/kept" + (i % STORED))).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            Await.until(Duration.ofSeconds(3), () -> answers.stream().filter(CompletableFuture::isDone).count(),
                    n -> n >= 30, "the refusals, while four lookups wait for PostgreSQL");
            c.rollback();
        }
        List<HttpResponse<String>> done = answers.stream().map(CompletableFuture::join).toList();
        List<HttpResponse<String>> refused = done.stream().filter(r -> r.statusCode() == 503).toList();
        assertThat(refused).as("refused at once, of 40").hasSizeGreaterThanOrEqualTo(30);
        assertThat(refused).allSatisfy(r -> {
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(r.body()).contains("too many lookups of uncached orders at once");
        });
        assertThat(done.stream().filter(r -> r.statusCode() == 200).count()).as("the four that waited")
                .isEqualTo(done.size() - refused.size());
        assertThat(Scrape.parse(service.get("/metrics").body()).sum("orders_read_throughs_refused_total"))
                .isGreaterThanOrEqualTo(refused.size());
    }

    @Test
    void aFloodOfOneMebibyteMessagesHoldsNoMoreHeapThanTheByteBound() throws Exception {
        long before = liveHeap();
        long during;
        try (var c = DriverManager.getConnection(db, "postgres", null); Statement s = c.createStatement()) {
            // the writers wait at their first statement, so a backlog builds up in the stream: an
            // unbounded prefetch would pull it into the heap meanwhile, as jnats' iterate did
            c.setAutoCommit(false);
            s.execute("lock table orders in access exclusive mode");
            sendGarbage(300, (1 << 20) - 1024);
            Thread.sleep(2000);
            during = liveHeap();
            c.rollback();
        }
        Await.until(Duration.ofSeconds(90), () -> Sql.count(db, "select count(*) from rejected_messages where reason "
                + "= 'too_large'"), n -> n == 300, "the flood rejected");
        long bound = IngestLoop.HELD_BYTES_MAX + (16L << 20);
        System.out.printf("lifecycle: flood of 300 MiB with the writers blocked: live heap %d MiB before, %d MiB "
                + "during; bound of held messages %d MiB%n", before >> 20, during >> 20, IngestLoop.HELD_BYTES_MAX >> 20);
        assertThat(during - before).as("live heap grown by the flood (bytes)").isLessThanOrEqualTo(bound);
        assertThat(service.isAlive()).isTrue();
    }

    /** The heap in use right after a full collection (jcmd GC.run): what the service really holds. */
    private static long liveHeap() throws Exception {
        long pid = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(line -> line.contains(DATA_DIR)).orElse(false))
                .findFirst().orElseThrow().pid();
        Path jcmd = Path.of(ServiceProcess.java()).resolveSibling("jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(gc.waitFor()).as("jcmd GC.run").isZero();
        return (long) Scrape.parse(service.get("/metrics").body()).sum("jvm_memory_used_bytes", Map.of("area", "heap"));
    }

    private static void sendGarbage(int count, int bytes) throws Exception {
        byte[] payload = new byte[bytes];
        Arrays.fill(payload, (byte) 'x');
        try (AckedPublisher publisher = new AckedPublisher(nats.url(), "orders")) {
            for (int i = 0; i < count; i++) {
                publisher.send(payload);
            }
        }
    }
}
