package dev.orderservice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.ServiceProcess;
import dev.orderservice.testing.Sql;
import dev.orderservice.testing.TestNats;
import dev.orderservice.testing.TestPostgres;
import dev.orderservice.testing.TestPublisher;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL the service in the middle of ingesting thousands of orders and start it again: every
 * published order is stored exactly once and served, from the cache once it has warmed.
 */
class KilledServiceLosesNothingIT {

    private static final int ORDERS = 20_000;

    @Test
    void everyOrderIsStoredOnceAndServedAfterACrashMidIngest() throws Exception {
        try (TestPostgres postgres = TestPostgres.start(); TestNats nats = TestNats.start()) {
            String db = postgres.newDatabase();
            ServiceProcess first = ServiceProcess.external(db, nats.url(), "crash-1", Map.of()).startAndAwaitReady();
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publish(nats.url()));

            long atKill = Await.until(Duration.ofSeconds(120), () -> Sql.count(db, "select count(*) from orders"),
                    n -> n >= 2_000, "ingest to be under way");
            first.kill();
            System.out.printf("killed the service with %d of %d orders stored%n", atKill, ORDERS);
            publishing.join();

            try (ServiceProcess second = ServiceProcess.external(db, nats.url(), "crash-2", Map.of())
                    .startAndAwaitReady()) {
                Await.until(Duration.ofSeconds(180), () -> Sql.count(db, "select count(*) from orders"),
                        n -> n == ORDERS, "every order to be stored");
                assertThat(Sql.count(db, "select count(*) from items")).isEqualTo(ORDERS);
                assertThat(Sql.count(db, "select count(distinct order_uid) from payments")).isEqualTo(ORDERS);
                assertThat(Sql.count(db, "select count(*) from rejected_messages")).isZero();

                Await.until(Duration.ofSeconds(60), () -> SampleOrders.parse(second.get("/health/ready").body())
                        .get("cache").get("entries").asLong(), n -> n >= ORDERS, "the cache to warm");
                for (int i = 0; i < ORDERS; i += 7) {
                    HttpResponse<String> response = second.get("/api/orders/crash" + i);
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.headers().firstValue("X-Cache")).hasValue("HIT");
                    assertThat(SampleOrders.parse(response.body())).isEqualTo(order(i));
                }
            } finally {
                first.close();
            }
        }
    }

    private static ObjectNode order(int i) {
        ObjectNode order = SampleOrders.withUid("crash" + i);
        order.put("customer_id", "c" + i);
        return order;
    }

    private static void publish(String natsUrl) {
        try (TestPublisher publisher = new TestPublisher(natsUrl, "orders")) {
            for (int i = 0; i < ORDERS; i++) {
                publisher.send(SampleOrders.bytes(order(i)));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
