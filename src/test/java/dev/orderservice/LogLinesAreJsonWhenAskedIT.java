package dev.orderservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderservice.config.ExitCodes;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.ServiceProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ORDERS_LOG_FORMAT=json} makes every line the packaged service writes a JSON object, and
 * its start line carries the version, port, modes and limits as fields; the default stays text for
 * people; an unknown format stops the start with one line.
 */
class LogLinesAreJsonWhenAskedIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> START_FIELDS = List.of("version", "http_port", "db_mode", "nats_mode",
            "cache_budget_bytes", "max_message_bytes", "log_format");
    @RegisterExtension
    static final RealServices services = new RealServices();

    @Test
    void jsonFormatWritesOnlyJsonLinesAndAStartLineWithItsFields() throws Exception {
        List<String> lines = runAndStop("logs-json", Map.of("ORDERS_LOG_FORMAT", "json"));
        assertThat(lines).isNotEmpty();
        JsonNode start = null;
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.isObject()).as(line).isTrue();
            assertThat(event.get("level").asText()).as(line).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(event.get("loggerName").asText()).as(line).isNotBlank();
            assertThat(event.get("message").asText()).as(line).isNotBlank();
            if (event.get("message").asText().startsWith("order-service {} listening")) {
                start = event;
            }
        }
        assertThat(start).as("the start line").isNotNull();
        Map<String, String> fields = new HashMap<>();
        start.get("kvpList").forEach(pair -> pair.properties().forEach(f -> fields.put(f.getKey(),
                f.getValue().asText())));
        assertThat(fields).containsKeys(START_FIELDS.toArray(String[]::new));
        assertThat(fields).containsEntry("db_mode", "external").containsEntry("nats_mode", "external")
                .containsEntry("log_format", "json").containsEntry("max_message_bytes", String.valueOf(256 * 1024));
        assertThat(fields.get("version")).isNotBlank().isNotEqualTo("unknown");
        assertThat(start.get("formattedMessage").asText()).contains("listening on http://127.0.0.1:" + fields.get("http_port"));
    }

    @Test
    void textFormatIsTheDefaultAndIsNotJson() throws Exception {
        List<String> lines = runAndStop("logs-text", Map.of());
        String start = lines.stream().filter(l -> l.contains("order-service") && l.contains("listening on")).findFirst()
                .orElseThrow(() -> new AssertionError("no start line in " + lines));
        assertThat(start).doesNotStartWith("{").contains("(external)").contains("cache budget")
                .contains("max message 256 KiB").contains("text logs");
    }

    @Test
    void anUnknownFormatStopsTheStartWithOneLine() throws Exception {
        ServiceProcess service = ServiceProcess.external(services.postgres().newDatabase(), services.nats().url(), "logs-bad",
                Map.of("ORDERS_LOG_FORMAT", "xml"));
        Files.deleteIfExists(service.log());
        service.start();
        assertThat(service.awaitExit(Duration.ofSeconds(60))).isEqualTo(ExitCodes.CANNOT_START);
        assertThat(Files.readAllLines(service.log())).containsExactly(
                "order-service: ORDERS_LOG_FORMAT must be text or json, is 'xml'");
    }

    /** Starts the service until ready, stops it gracefully and returns every line it wrote. */
    private static List<String> runAndStop(String name, Map<String, String> env) throws Exception {
        ServiceProcess service = ServiceProcess.external(services.postgres().newDatabase(), services.nats().url(), name, env);
        Files.deleteIfExists(service.log());
        try (service) {
            service.startAndAwaitReady();
            assertThat(service.get("/api/orders/nosuchorder").statusCode()).isEqualTo(404);
            assertThat(service.stop()).as("exit code after SIGTERM").isIn(0, 143);
        }
        return Files.readAllLines(service.log()).stream().filter(l -> !l.isBlank()).toList();
    }
}
