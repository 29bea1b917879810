package dev.orderservice.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.CommandOutput;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.ServiceProcess;
import dev.orderservice.testing.Sql;
import dev.orderservice.testing.Streams;
import dev.orderservice.testing.ThrowawayNats;
import dev.orderservice.testing.ThrowawayPostgres;
import dev.orderservice.testing.AckedPublisher;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code erase} on two running instances: both answer 404 within a second, nothing of the orders
 * is left in PostgreSQL or the stream, and neither a publisher re-sending one, nor a restart, nor
 * a replay of the whole stream (the durable consumer deleted) brings it back, while every other
 * order comes back as it was. A rerun is a no-op that says so.
 */
class ErasedOrderStaysErasedIT {

    private static final int KEPT = 300;
    private static final String ERASED_TABLES = "select (select count(*) from orders where order_uid in ('gone1', "
            + "'gone2')) + (select count(*) from items where order_uid in ('gone1', 'gone2')) + (select count(*) "
            + "from rejected_messages where order_uid in ('gone1', 'gone2'))";

    @Test
    void anErasedOrderIsGoneEverywhereAndNeverComesBack() throws Exception {
        try (ThrowawayPostgres postgres = ThrowawayPostgres.start(); ThrowawayNats nats = ThrowawayNats.start()) {
            String db = postgres.newDatabase();
            Map<String, String> env = Map.of("ORDERS_DB_URL", db, "ORDERS_DB_USER", "postgres",
                    "ORDERS_NATS_URL", nats.url());
            try (ServiceProcess first = ServiceProcess.external(db, nats.url(), "erase-a", Map.of());
                    ServiceProcess second = ServiceProcess.external(db, nats.url(), "erase-b", Map.of())) {
                first.start();
                second.start();
                first.awaitReady();
                second.awaitReady();
                publishOrdersAndCopiesOfTheTwoToErase(nats.url());
                Await.until(Duration.ofSeconds(60), () -> Sql.count(db, "select count(*) from orders")
                        + Sql.count(db, "select count(*) from rejected_messages"), n -> n == KEPT + 3, "all stored");
                for (ServiceProcess service : List.of(first, second)) {
                    // the instance that did not store it knows the id once the other's notice arrives
                    // (docs/guarantees: a few milliseconds, at most the 5 s catch-up)
                    Await.until(Duration.ofSeconds(6), () -> service.get("/api/orders/gone1").statusCode(),
                            status -> status == 200, "both instances to serve the stored order");
                    assertThat(service.get("/api/orders/gone1").headers().firstValue("X-Cache")).hasValue("HIT");
                }
                long messagesBefore = streamMessages(nats.url());

                Path file = Files.createTempFile("erase", ".txt");
                Files.writeString(file, "gone2\n\n");
                CommandOutput erase = CommandOutput.ofJar(env, "erase", "gone1", "--file", file.toString());
                assertThat(erase.exit()).as(erase.err()).isZero();
                assertThat(erase.out()).contains("erased 2 order(s)", "4 stream message(s) removed",
                        "0 had been erased before");
                assertThat(erase.err()).contains("{\"event\":\"order_erased\",\"order_uid\":\"gone1\"");
                for (ServiceProcess service : List.of(first, second)) {
                    Await.until(Duration.ofSeconds(1), () -> service.get("/api/orders/gone1").statusCode(),
                            status -> status == 404, "gone1 erased from " + service.log());
                    assertThat(service.get("/api/orders/gone2").statusCode()).isEqualTo(404);
                }
                assertThat(Sql.count(db, ERASED_TABLES)).as("rows of the erased orders").isZero();
                assertThat(Sql.count(db, "select count(*) from erased_orders")).isEqualTo(2);
                assertThat(streamMessages(nats.url())).isEqualTo(messagesBefore - 4);

                try (AckedPublisher publisher = new AckedPublisher(nats.url(), "orders")) {
                    publisher.send(SampleOrders.bytes(SampleOrders.withUid("gone1")));
                }
                second.stop();
                Streams.deleteConsumer(nats.url());
                Thread.sleep(1000);
                Streams.awaitAllAcked(nats.url(), Duration.ofSeconds(60));
                try (ServiceProcess restarted = ServiceProcess.external(db, nats.url(), "erase-b2", Map.of())
                        .startAndAwaitReady()) {
                    assertThat(Sql.count(db, "select count(*) from orders")).isEqualTo(KEPT);
                    assertThat(Sql.count(db, ERASED_TABLES)).isZero();
                    assertThat(Sql.count(db, "select count(*) from rejected_messages")).isZero();
                    for (ServiceProcess service : List.of(first, restarted)) {
                        assertThat(service.get("/api/orders/gone1").statusCode()).isEqualTo(404);
                        assertThat(service.get("/api/orders/keep7").statusCode()).isEqualTo(200);
                        assertThat(service.get("/api/orders/keep" + (KEPT - 1)).statusCode()).isEqualTo(200);
                    }
                }
                CommandOutput again = CommandOutput.ofJar(env, "erase", "gone1", "gone2");
                assertThat(again.exit()).as(again.err()).isZero();
                assertThat(again.out()).contains("erased 2 order(s): 0 row(s)", "2 had been erased before");
            }
        }
    }

    /** The kept orders; gone1 twice and once with other content (a conflict, kept as rejected); gone2 once. */
    private static void publishOrdersAndCopiesOfTheTwoToErase(String natsUrl) throws Exception {
        try (AckedPublisher publisher = new AckedPublisher(natsUrl, "orders")) {
            for (int i = 0; i < KEPT; i++) {
                publisher.send(SampleOrders.bytes(SampleOrders.withUid("keep" + i)));
            }
            publisher.send(SampleOrders.bytes(SampleOrders.withUid("gone1")));
            publisher.send(SampleOrders.bytes(SampleOrders.withUid("gone2")));
            publisher.flush();
            publisher.send(SampleOrders.bytes(SampleOrders.withUid("gone1")));
            ObjectNode other = SampleOrders.withUid("gone1");
            other.put("customer_id", "someone-else");
            publisher.send(SampleOrders.bytes(other));
        }
    }

    private static long streamMessages(String natsUrl) throws Exception {
        try (Connection connection = Nats.connect(natsUrl)) {
            return connection.jetStreamManagement().getStreamInfo("ORDERS").getStreamState().getMsgCount();
        }
    }
}
