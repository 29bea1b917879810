package dev.orderservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.orderservice.testing.ExportedMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the scrape config point at what the service really exports: every metric a
 * panel's PromQL names is in the list that {@code MetricsCountWhatHappenedIT} checks against a real scrape.
 */
class GrafanaDashboardUsesExportedMetricsTest {

    static final Path DASHBOARD = Path.of("deploy/grafana/dashboards/order-service.json");
    static final Path PROMETHEUS = Path.of("deploy/prometheus/prometheus.yml");
    /** Identifiers with an underscore: metric names, and PromQL functions with one in their name. */
    private static final Pattern IDENTIFIER = Pattern.compile("\\b[a-zA-Z_:][a-zA-Z0-9_:]*_[a-zA-Z0-9_:]*\\b");
    private static final Set<String> FUNCTIONS = Set.of("histogram_quantile", "clamp_min", "clamp_max",
            "label_replace", "label_join", "avg_over_time", "max_over_time", "min_over_time", "sum_over_time",
            "count_over_time", "quantile_over_time", "last_over_time");

    @Test
    void everyPanelQueriesOnlyExportedMetricsThroughTheDatasourceVariable() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.get("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.at("/datasource/uid").asText()).as(panel.get("title").asText())
                    .isEqualTo("${datasource}");
            assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
            panel.get("targets").forEach(t -> expressions.add(t.get("expr").asText()));
        }
        Set<String> used = new TreeSet<>();
        expressions.forEach(e -> used.addAll(metricNames(e)));

        assertThat(used).as("metrics the dashboard queries").isNotEmpty().isSubsetOf(ExportedMetrics.names());
        assertThat(used).as("panels cover ingest, lag, cache, HTTP, JVM and the pool").contains(
                "orders_ingested_total", "orders_rejected_total", "orders_duplicates_total",
                "orders_batch_commit_seconds", "orders_consumer_pending", "orders_redeliveries_total",
                "orders_cache_hits_total", "orders_cache_entries", "orders_cache_bytes", "orders_cache_warmed",
                "http_server_requests_seconds_count", "http_server_requests_seconds_bucket",
                "jvm_memory_used_bytes", "jvm_gc_pause_seconds_sum", "hikaricp_connections_active");
        assertThat(dashboard.at("/templating/list/0/name").asText()).isEqualTo("datasource");
        assertThat(dashboard.at("/templating/list/0/type").asText()).isEqualTo("datasource");
    }

    @Test
    void metricNamesAreFoundOutsideLabelsGroupingsAndFunctions() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (le, route_x) (rate(http_a_bucket{area=\"x_y\","
                + "instance=~\"$instance\"}[$__rate_interval])))")).containsExactly("http_a_bucket");
        assertThat(metricNames("sum(rate(orders_x_total[5m])) / clamp_min(max(orders_y), 1)"))
                .containsExactly("orders_x_total", "orders_y");
    }

    @Test
    void prometheusScrapesTheServiceMetricsEndpoint() throws Exception {
        JsonNode config = new YAMLMapper().readTree(PROMETHEUS.toFile());
        JsonNode job = config.at("/scrape_configs/0");
        assertThat(job.get("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(job.at("/static_configs/0/targets/0").asText()).isEqualTo("order-service:8080");
    }

    /** The metric names in a PromQL expression: label matchers, groupings, variables and functions removed. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\$\\w+", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            if (!FUNCTIONS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }
}
