package dev.orderservice.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderservice.ingest.Broker;
import dev.orderservice.json.Json;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What every fault test asserts once the dust has settled: the stored orders are exactly the
 * valid ones published (none missing, none twice, every item row once),
 * every invalid message is in the rejected store once, and the service serves each order with the
 * content that was published.
 */
public final class Audit {

    public static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);
    /** Reasons that would mean a valid order was turned away: a fault test must never see them. */
    private static final Set<String> EXPECTED_REASONS = Set.of("malformed_json", "invalid_order", "too_large");
    private static final int HTTP_PARALLELISM = 4;

    private Audit() {
    }

    /** Stored and rejected, as counted in the database. */
    public record Counts(long orders, long rejected) {
    }

    public static Counts counts(String db) throws Exception {
        return new Counts(Sql.count(db, "select count(*) from orders"),
                Sql.count(db, "select count(*) from rejected_messages"));
    }

    /**
     * Waits until every valid order is stored and every invalid message rejected. When that does
     * not happen, the failure says what the broker still holds for the consumer: nothing pending
     * means messages were acked and lost, something pending means ingest is stuck.
     */
    public static Counts awaitSettled(String db, Traffic traffic, String natsUrls) throws Exception {
        Counts expected = new Counts(traffic.valid().size(), traffic.invalidCount());
        try {
            return Await.until(SETTLE_TIMEOUT, () -> counts(db), expected::equals,
                    "all " + expected.orders() + " orders stored and " + expected.rejected() + " messages rejected");
        } catch (AssertionError notSettled) {
            throw new AssertionError(notSettled.getMessage() + "; the broker: " + consumerState(natsUrls),
                    notSettled);
        }
    }

    private static String consumerState(String natsUrls) {
        try (Connection connection = Nats.connect(Broker.options(natsUrls, "test-audit"))) {
            ConsumerInfo info = connection.jetStreamManagement().getConsumerInfo("ORDERS", "order-service");
            return "pending " + info.getNumPending() + ", unacked " + info.getNumAckPending() + ", redelivered "
                    + info.getRedelivered() + ", acked up to stream sequence " + info.getAckFloor().getStreamSequence();
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** The database holds each valid order exactly once, with all its rows, and nothing else. */
    public static void assertStoredExactlyOnce(String db, Traffic traffic) throws Exception {
        int valid = traffic.valid().size();
        assertThat(Sql.strings(db, "select order_uid from orders")).as("stored order ids")
                .isEqualTo(traffic.valid().keySet());
        assertThat(Sql.count(db, "select count(*) - count(distinct order_uid) from orders")).isZero();
        assertThat(Sql.count(db, "select count(*) from items c where not exists"
                + " (select 1 from orders o where o.order_uid = c.order_uid)")).as("items without an order").isZero();
        assertThat(Sql.countsBy(db, "select order_uid, count(*) from items group by order_uid"))
                .as("items per order").isEqualTo(itemsPerOrder(traffic));
        assertThat(Sql.count(db, "select count(*) from rejected_messages")).as("rejected messages")
                .isEqualTo(traffic.invalidCount());
        assertThat(Sql.count(db, "select count(distinct message_key) from rejected_messages"))
                .isEqualTo(traffic.invalidCount());
        assertThat(Sql.strings(db, "select distinct reason from rejected_messages")).as("reasons")
                .isSubsetOf(EXPECTED_REASONS);
    }

    /**
     * GETs every valid order, or a random sample of {@code sample} of them when there are more,
     * and compares each answer with what was published, as JSON.
     *
     * @return how many orders were checked
     */
    public static int assertServed(ServiceProcess service, Traffic traffic, int sample) throws Exception {
        List<String> ids = new ArrayList<>(traffic.valid().keySet());
        if (ids.size() > sample) {
            Collections.shuffle(ids, new Random(traffic.seed()));
            ids = ids.subList(0, sample);
        }
        ExecutorService pool = Executors.newFixedThreadPool(HTTP_PARALLELISM);
        try {
            List<Future<?>> checks = new ArrayList<>();
            for (String id : ids) {
                checks.add(pool.submit(() -> {
                    assertServedOne(service, id, traffic.valid().get(id));
                    return null;
                }));
            }
            for (Future<?> check : checks) {
                check.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return ids.size();
    }

    private static void assertServedOne(ServiceProcess service, String id, byte[] published)
            throws IOException, InterruptedException {
        HttpResponse<String> response = service.get("/api/orders/" + id);
        assertThat(response.statusCode()).as("GET /api/orders/%s on port %d", id, service.httpPort())
                .isEqualTo(200);
        assertThat(Json.mapper().readTree(response.body())).as("order %s", id)
                .isEqualTo(Json.mapper().readTree(published));
    }

    private static Map<String, Long> itemsPerOrder(Traffic traffic) throws IOException {
        Map<String, Long> items = new HashMap<>();
        for (Map.Entry<String, byte[]> order : traffic.valid().entrySet()) {
            JsonNode tree = Json.mapper().readTree(order.getValue());
            items.put(order.getKey(), (long) tree.get("items").size());
        }
        return items;
    }
}
