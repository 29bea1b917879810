package dev.orderservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.testing.AckedPublisher;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.ExportedMetrics;
import dev.orderservice.testing.Ports;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.Scrape;
import dev.orderservice.testing.ServiceProcess;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /metrics} of the packaged service counts what really happened: orders published, rejected
 * and duplicated, lookups answered by route template and status, the consumer's backlog, the cache,
 * warm-up, JVM and pool; every orders_* series is there from the start, before PostgreSQL is
 * reached; and every exported family is documented in the README.
 */
class MetricsCountWhatHappenedIT {

    private static final int VALID = 7;
    private static final int DUPLICATES = 3;
    private static final int LOOKUPS = 25;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    @RegisterExtension
    static final RealServices services = new RealServices();

    @Test
    void metricsCountOrdersRejectsDuplicatesLookupsAndBacklog() throws Exception {
        String db = services.postgres().newDatabase();
        try (ServiceProcess service = ServiceProcess.external(db, services.nats().url(), "metrics", Map.of()).startAndAwaitReady();
                AckedPublisher publisher = new AckedPublisher(services.nats().url(), "orders")) {
            for (int i = 0; i < VALID; i++) {
                publisher.send(SampleOrders.bytes(SampleOrders.withUid("metrics" + i)));
            }
            for (int i = 0; i < DUPLICATES; i++) {
                publisher.send(SampleOrders.bytes(SampleOrders.withUid("metrics" + i)));
            }
            publisher.send("not json".getBytes(StandardCharsets.UTF_8));
            publisher.send("{\"order_uid\": \"cut".getBytes(StandardCharsets.UTF_8));
            ObjectNode invalid = SampleOrders.withUid("metrics-bad");
            invalid.remove("payment");
            publisher.send(SampleOrders.bytes(invalid));
            publisher.flush();

            Await.until(TIMEOUT, () -> scrape(service), s -> s.sum("orders_ingested_total") == VALID
                    && s.sum("orders_rejected_total") == 3 && s.sum("orders_duplicates_total") == DUPLICATES,
                    "every message to be counted");
            for (int i = 0; i < LOOKUPS; i++) {
                assertThat(service.get("/api/orders/metrics" + (i % VALID)).statusCode()).isEqualTo(200);
            }
            assertThat(service.get("/api/orders/nosuchorder").statusCode()).isEqualTo(404);
            assertThat(service.get("/api/orders?limit=5").statusCode()).isEqualTo(200);
            assertThat(service.get("/no/such/path/" + System.nanoTime()).statusCode()).isEqualTo(404);

            Scrape s = Await.until(TIMEOUT, () -> scrape(service),
                    x -> x.sum("orders_consumer_pending") == 0 && x.sum("orders_consumer_ack_pending") == 0
                            && !x.find("jvm_gc_pause_seconds_count", Map.of()).isEmpty(),
                    "the backlog gauges to report an empty backlog, and a GC to have run");

            assertThat(s.names()).containsAll(ExportedMetrics.names());
            assertThat(s.sum("orders_rejected_total", Map.of("reason", "malformed_json"))).isEqualTo(2);
            assertThat(s.sum("orders_rejected_total", Map.of("reason", "invalid_order"))).isEqualTo(1);
            assertThat(s.sum("orders_redeliveries_total")).isZero();
            assertThat(s.sum("orders_batch_messages_sum")).isEqualTo(VALID + DUPLICATES + 3);
            assertThat(s.sum("orders_batch_commit_seconds_count")).isPositive();
            assertThat(s.sum("orders_cache_entries")).isEqualTo(VALID);
            assertThat(s.sum("orders_cache_bytes")).isPositive();
            assertThat(s.sum("orders_cache_hits_total")).isGreaterThanOrEqualTo(LOOKUPS);
            assertThat(s.sum("orders_cache_misses_total")).isGreaterThanOrEqualTo(1);
            assertThat(s.sum("orders_cache_warmup_done")).isEqualTo(1);

            assertThat(s.sum("http_server_requests_seconds_count", Map.of("route", "/api/orders/{id}", "method", "GET",
                    "status", "200"))).isGreaterThanOrEqualTo(LOOKUPS);
            assertThat(s.sum("http_server_requests_seconds_count", Map.of("route", "/api/orders/{id}",
                    "status", "404"))).isEqualTo(1);
            assertThat(s.sum("http_server_requests_seconds_count", Map.of("route", "/api/orders", "status", "200")))
                    .isEqualTo(1);
            assertThat(s.sum("http_server_requests_seconds_count", Map.of("route", "UNMATCHED", "status", "404")))
                    .isEqualTo(1);
            assertThat(s.find("http_server_requests_seconds_count", Map.of()))
                    .allSatisfy(sample -> assertThat(sample.labels().get("route")).doesNotContain("metrics0"));
            assertThat(s.sum("hikaricp_connections_max", Map.of("pool", "orders"))).isPositive();
            assertThat(s.sum("jvm_memory_used_bytes", Map.of("area", "heap"))).isPositive();
            assertThat(s.sum("process_uptime_seconds")).isPositive();

            Scrape one = Scrape.parse(service.get("/metrics?name[]=orders_ingested_total&name[]=orders_cache_entries"
                    + "&name[]=orders_batch_commit_seconds_count").body());
            assertThat(one.names()).as("only the families asked for")
                    .contains("orders_ingested_total", "orders_cache_entries", "orders_batch_commit_seconds_count")
                    .allMatch(n -> n.equals("orders_ingested_total") || n.equals("orders_cache_entries")
                            || n.startsWith("orders_batch_commit_seconds"));
            assertThat(one.sum("orders_ingested_total")).isEqualTo(VALID);
        }
    }

    @Test
    void everyOrdersSeriesIsListedWhilePostgresIsUnreachableAtStart() throws Exception {
        String nowhere = "jdbc:postgresql://127.0.0.1:" + Ports.free() + "/orders";
        try (ServiceProcess service = ServiceProcess.external(nowhere, services.nats().url(), "metrics-pg-down",
                Map.of()).start()) {
            Await.until(TIMEOUT, service::logLines,
                    lines -> lines.stream().anyMatch(line -> line.contains("PostgreSQL is unreachable")),
                    "the service to say PostgreSQL is unreachable");
            assertThat(service.get("/health/ready").statusCode()).isEqualTo(503);

            Scrape s = scrape(service);

            Set<String> orders = ExportedMetrics.names().stream().filter(name -> name.startsWith("orders_"))
                    .collect(Collectors.toSet());
            assertThat(s.names()).containsAll(orders);
            assertThat(s.sum("orders_ingested_total")).isZero();
            assertThat(s.sum("orders_batch_messages_count")).isZero();
            assertThat(s.sum("orders_cache_entries")).isZero();
            assertThat(s.sum("orders_cache_warmup_done")).as("the warm-up waits for PostgreSQL").isZero();
            assertThat(s.find("orders_consumer_pending", Map.of())).as("the backlog is not known yet")
                    .singleElement().satisfies(sample -> assertThat(sample.value()).isNaN());
        }
    }

    @Test
    void everyOrdersMetricFamilyIsDocumentedInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("^\\| `([a-z_]+)(?:\\{[^`]*})?` \\|", Pattern.MULTILINE).matcher(readme);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> families = new TreeSet<>();
        for (String name : ExportedMetrics.names()) {
            if (name.startsWith("orders_") || name.startsWith("http_server_requests")) {
                families.add(name.replaceAll("_(count|sum|max|bucket)$", ""));
            }
        }
        assertThat(documented).containsAll(families);
    }

    private static Scrape scrape(ServiceProcess service) throws Exception {
        HttpResponse<String> response = service.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return Scrape.parse(response.body());
    }
}
