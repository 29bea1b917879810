package dev.orderservice.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderservice.testing.AckedPublisher;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.ServiceProcess;
import dev.orderservice.testing.Sql;
import dev.orderservice.testing.ThrowawayNats;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With a budget far below the data, the cache stays within it and evicted orders are read through. */
class SmallBudgetStillServesEverythingIT {

    @RegisterExtension
    static final RealServices services = RealServices.postgresOnly();

    private static final int ORDERS = 3000;
    private static final long BUDGET = 256 * 1024;

    @Test
    void cacheStaysWithinBudgetAndEvictedOrdersAreServedReadThrough() throws Exception {
        try (ThrowawayNats nats = ThrowawayNats.start()) {
            String db = services.postgres().newDatabase();
            try (ServiceProcess service = ServiceProcess.external(db, nats.url(), "budget",
                    Map.of("ORDERS_CACHE_MAX_BYTES", String.valueOf(BUDGET))).startAndAwaitReady();
                    AckedPublisher publisher = new AckedPublisher(nats.url(), "orders")) {
                for (int i = 0; i < ORDERS; i++) {
                    publisher.send(SampleOrders.bytes(SampleOrders.withUid("budget" + i)));
                }
                publisher.flush();
                Await.until(Duration.ofSeconds(60), () -> Sql.count(db, "select count(*) from orders"),
                        n -> n == ORDERS, "every order to be stored");

                for (int i = 0; i < ORDERS; i += 10) {
                    HttpResponse<String> response = service.get("/api/orders/budget" + i);
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(SampleOrders.parse(response.body())).isEqualTo(SampleOrders.withUid("budget" + i));
                }
                HttpResponse<String> oldest = service.get("/api/orders/budget1");
                assertThat(oldest.statusCode()).isEqualTo(200);
                assertThat(oldest.headers().firstValue("X-Cache")).hasValue("MISS");
                assertThat(SampleOrders.parse(oldest.body())).isEqualTo(SampleOrders.withUid("budget1"));

                JsonNode cache = SampleOrders.parse(service.get("/health/ready").body()).get("cache");
                assertThat(cache.get("bytes").asLong()).isLessThanOrEqualTo(BUDGET);
                assertThat(cache.get("entries").asLong()).isLessThan(ORDERS / 4);
            }
        }
    }
}
