package dev.orderservice.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.ServiceProcess;
import dev.orderservice.testing.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} with no configuration runs its own PostgreSQL and nats-server, {@code publish}
 * with no URL finds them, and a restart finds every order again.
 */
class SelfContainedServeIT {

    private static final int ORDERS = 500;

    @Test
    void serveNeedsNoConfigurationAcceptsPublishAndKeepsDataAcrossRestart() throws Exception {
        Path dataDir = Files.createTempDirectory("orders-data");
        Map<String, String> env = Map.of("ORDERS_DATA_DIR", dataDir.toString());
        String firstOrder;
        try (ServiceProcess serve = new ServiceProcess(env, List.of("serve"), "self-contained-1")
                .startAndAwaitReady()) {
            Process publish = new ProcessBuilder(ServiceProcess.java(), "-jar", ServiceProcess.jar(), "publish",
                    "--count", String.valueOf(ORDERS), "--seed", "42", "--data-dir", dataDir.toString(),
                    "--no-progress")
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "it-logs", "self-contained-publish.log").toFile())
                    .start();
            assertThat(publish.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(publish.exitValue()).isZero();

            String dbUrl = runtime(dataDir).getProperty(RuntimeFile.DB_URL);
            Await.until(Duration.ofSeconds(60), () -> Sql.count(dbUrl, "select count(*) from orders"),
                    n -> n == ORDERS, "the published orders to be stored");
            JsonNode page = SampleOrders.parse(serve.get("/api/orders?limit=5").body());
            firstOrder = page.get("items").get(0).get("order_uid").asText();
            assertThat(serve.get("/api/orders/" + firstOrder).statusCode()).isEqualTo(200);
            assertThat(serve.stop()).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(Files.readString(serve.log())).contains("order-service stopped");
        }
        assertThat(RuntimeFile.read(dataDir)).isEmpty();

        try (ServiceProcess again = new ServiceProcess(env, List.of("serve"), "self-contained-2")
                .startAndAwaitReady()) {
            String dbUrl = runtime(dataDir).getProperty(RuntimeFile.DB_URL);
            assertThat(Sql.count(dbUrl, "select count(*) from orders")).isEqualTo(ORDERS);
            var response = again.get("/api/orders/" + firstOrder);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(SampleOrders.parse(response.body()).get("order_uid").asText()).isEqualTo(firstOrder);
        }
    }

    private static Properties runtime(Path dataDir) {
        return RuntimeFile.read(dataDir).orElseThrow(() -> new AssertionError("serve wrote no runtime file"));
    }
}
