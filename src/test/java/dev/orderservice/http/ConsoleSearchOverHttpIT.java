package dev.orderservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.store.Database;
import dev.orderservice.store.OrderWriter;
import dev.orderservice.store.PendingMessage;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.ServiceProcess;
import dev.orderservice.testing.Sql;
import dev.orderservice.validation.MessageDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's API on a running service (issue 15, the contract of the lead's contract15.md):
 * searches and their 400s naming the parameter, the CSV export (RFC 4180 quoting, the formula
 * guard, the 10000-row bound and X-Truncated), the rejected view's filters and reasons, the
 * status counts, and the audit line of a search that never holds a searched e-mail or phone.
 */
class ConsoleSearchOverHttpIT {

    @RegisterExtension
    static final RealServices services = new RealServices();
    private static final MessageDecoder DECODER = new MessageDecoder(256 * 1024);
    private static String db;
    private static ServiceProcess service;
    private static OrderWriter writer;
    private static Database pool;

    @BeforeAll
    static void start() throws Exception {
        db = services.postgres().newDatabase();
        service = ServiceProcess.external(db, services.nats().url(), "console-search", Map.of()).startAndAwaitReady();
        pool = Database.pool(db, "postgres", null, "console-test", null);
        writer = new OrderWriter(pool.dataSource());
        List<PendingMessage> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ObjectNode order = SampleOrders.withUid("h" + i);
            order.put("customer_id", i % 2 == 0 ? "even" : "odd");
            order.put("date_created", "2026-12-0" + (1 + i % 3) + "T12:00:00Z");
            ((ObjectNode) order.get("delivery")).put("email", i == 7 ? "Lena.K@Example.com" : "x" + i + "@example.org");
            ((ObjectNode) order.get("delivery")).put("phone", i == 7 ? "+44 20 7946-0958" : "+1 555 " + i);
            batch.add(message("h" + i, order));
        }
        ObjectNode hostile = SampleOrders.withUid("hostile1");
        hostile.put("customer_id", "=HYPERLINK(\"http://evil\",\"x\")");
        hostile.put("delivery_service", "a,b \"c\"");
        hostile.put("track_number", "-1+1");
        hostile.withArray("items").forEach(item -> ((ObjectNode) item).put("track_number", "-1+1"));
        batch.add(message("hostile1", hostile));
        batch.add(new PendingMessage("junk1", "junk".getBytes(), DECODER.decode("junk".getBytes())));
        writer.write(batch);
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
        pool.close();
    }

    private static PendingMessage message(String key, ObjectNode order) {
        byte[] bytes = SampleOrders.bytes(order);
        return new PendingMessage(key, bytes, DECODER.decode(bytes));
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        SampleOrders.parse(response.body()).get("items").forEach(o -> ids.add(o.get("order_uid").asText()));
        return ids;
    }

    @Test
    void searchesFindByEachKindOfInputAndPageThroughTheResult() throws Exception {
        assertThat(ids(service.get("/api/orders?email=" + q("lena.k@EXAMPLE.com")))).containsExactly("h7");
        assertThat(ids(service.get("/api/orders?phone=" + q("+442079460958")))).containsExactly("h7");
        assertThat(ids(service.get("/api/orders?track_number=WBILMTESTTRACK&customer_id=odd&from=2026-12-02&to="
                + q("2026-12-03T00:00:00+00:00")))).containsExactly("h25", "h19", "h13", "h7", "h1");
        List<String> pages = new ArrayList<>();
        String next = null;
        do {
            JsonNode page = SampleOrders.parse(service.get("/api/orders?customer_id=even&limit=4"
                    + (next == null ? "" : "&before=" + next)).body());
            page.get("items").forEach(o -> pages.add(o.get("order_uid").asText()));
            next = page.get("next").isNull() ? null : page.get("next").asText();
        } while (next != null);
        List<String> even = new ArrayList<>();
        for (int i = 28; i >= 0; i -= 2) {
            even.add("h" + i);
        }
        assertThat(pages).isEqualTo(even);
    }

    @Test
    void aMalformedParameterIsA400ThatNamesIt() throws Exception {
        Map<String, String> refused = Map.of("/api/orders?from=yesterday", "from",
                "/api/orders?to=2026-12-01&from=2026-12-02", "to", "/api/orders?email=", "email",
                "/api/orders?emial=a%40b", "emial", "/api/orders?limit=500", "limit", "/api/orders?phone=--", "phone",
                "/api/orders.csv?limit=5", "limit", "/api/rejected?reason=nosuch", "reason",
                "/api/rejected?to=noon", "to");
        for (var probe : refused.entrySet()) {
            HttpResponse<String> response = service.get(probe.getKey());
            assertThat(response.statusCode()).as(probe.getKey()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = SampleOrders.parse(response.body());
            assertThat(problem.get("parameter").asText()).as(probe.getKey()).isEqualTo(probe.getValue());
            assertThat(problem.get("detail").asText()).as(probe.getKey()).contains(probe.getValue());
        }
    }

    @Test
    void theExportIsRfc4180WithFormulasDefused() throws Exception {
        HttpResponse<String> csv = service.get("/api/orders.csv?customer_id=" + q("=HYPERLINK(\"http://evil\",\"x\")"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"orders.csv\"");
        assertThat(csv.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(csv.headers().firstValue("X-Truncated")).hasValue("false");
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).isEqualTo("order_uid,track_number,customer_id,delivery_service,date_created,amount,"
                + "currency,item_count,received_at");
        assertThat(rows).hasSize(2);
        assertThat(rows[1]).startsWith("hostile1,'-1+1,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","
                + "\"a,b \"\"c\"\"\",2021-11-26T06:22:19Z,1817,USD,1,20");
        assertThat(csv.body()).endsWith("\r\n");

        String[] december = service.get("/api/orders.csv?from=2026-12-01").body().split("\r\n");
        assertThat(december).hasSize(1 + 30);
        assertThat(december[1]).startsWith("h29,WBILMTESTTRACK,odd,meest,2026-12-03T12:00:00Z,1817,USD,1,2");
        String[] lena = service.get("/api/orders.csv?email=" + q("LENA.K@example.com")).body().split("\r\n");
        assertThat(lena).hasSize(2);
        assertThat(lena[1]).startsWith("h7,");
    }

    @Test
    void theExportIsBoundedAndSaysWhenItIsTruncated() throws Exception {
        String customer = "many-orders";
        for (int b = 0; b < 11; b++) {
            List<PendingMessage> batch = new ArrayList<>();
            for (int i = 0; i < 1000 && b * 1000 + i <= OrderExport.MAX_ROWS; i++) {
                ObjectNode order = SampleOrders.withUid("many" + (b * 1000 + i));
                order.put("customer_id", customer);
                batch.add(message("many" + (b * 1000 + i), order));
            }
            writer.write(batch);
        }
        HttpResponse<String> full = service.get("/api/orders.csv?customer_id=" + customer);
        assertThat(full.headers().firstValue("X-Truncated")).hasValue("true");
        String[] rows = full.body().split("\r\n");
        assertThat(rows).hasSize(1 + OrderExport.MAX_ROWS);
        assertThat(rows[1]).startsWith("many" + OrderExport.MAX_ROWS + ",");
        assertThat(rows[rows.length - 1]).startsWith("many1,");
        HttpResponse<String> exact = service.get("/api/orders.csv?customer_id=" + customer + "&to=2000-01-01");
        assertThat(exact.headers().firstValue("X-Truncated")).hasValue("false");
        assertThat(exact.body().split("\r\n")).hasSize(1);
    }

    @Test
    void rejectedMessagesFilterByReasonAndTimeAndTheReasonsComeFromTheCode() throws Exception {
        JsonNode reasons = SampleOrders.parse(service.get("/api/rejected/reasons").body());
        assertThat(reasons.get("reasons")).extracting(JsonNode::asText).containsExactly("too_large", "malformed_json",
                "invalid_order", "conflict", "unstorable");
        JsonNode malformed = SampleOrders.parse(service.get("/api/rejected?reason=malformed_json").body());
        assertThat(malformed.get("items")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("reason").asText()).isEqualTo("malformed_json"));
        assertThat(SampleOrders.parse(service.get("/api/rejected?reason=conflict").body()).get("items")).isEmpty();
        assertThat(SampleOrders.parse(service.get("/api/rejected?from=2000-01-01&to=2000-01-02").body()).get("items"))
                .isEmpty();
        assertThat(SampleOrders.parse(service.get("/api/rejected?reason=malformed_json&from=2000-01-01").body())
                .get("items")).hasSameSizeAs(malformed.get("items"));
    }

    @Test
    void theStatusCountsWhatIsStoredRightAway() throws Exception {
        JsonNode status = SampleOrders.parse(service.get("/api/status").body());
        assertThat(status.get("orders").asLong()).isEqualTo(Sql.count(db, "select count(*) from orders"));
        assertThat(status.get("rejected").asLong()).isEqualTo(Sql.count(db,
                "select count(*) from rejected_messages where replayed_at is null"));
        writer.write(List.of(message("one-more", SampleOrders.withUid("one-more"))));
        assertThat(SampleOrders.parse(service.get("/api/status").body()).get("orders").asLong())
                .isEqualTo(status.get("orders").asLong() + 1);
    }

    @Test
    void theAuditLineOfASearchSaysByWhatButNeverTheEmailOrPhone() throws Exception {
        service.get("/api/orders?email=" + q("lena.k@example.com") + "&phone=" + q("+44 20") + "&customer_id=odd");
        List<JsonNode> audit = Await.until(Duration.ofSeconds(10), () -> {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : service.logLines()) {
                if (line.startsWith("{\"time\"") && line.contains("customer_id=odd")) {
                    lines.add(SampleOrders.parse(line));
                }
            }
            return lines;
        }, lines -> !lines.isEmpty(), "the search's audit line");
        assertThat(audit.get(0).get("route").asText()).isEqualTo("/api/orders");
        assertThat(audit.get(0).get("query").asText()).isEqualTo("email=****&phone=****&customer_id=odd");
        assertThat(String.join("\n", service.logLines())).doesNotContain("lena.k").doesNotContain("Lena.K");
    }

    /** The contract: every console route is an audit line, the reasons list too. */
    @Test
    void theReasonsListIsAnAuditLine() throws Exception {
        service.get("/api/rejected/reasons");
        Await.until(Duration.ofSeconds(10), () -> service.logLines().stream()
                .filter(line -> line.startsWith("{\"time\"") && line.contains("\"route\":\"/api/rejected/reasons\""))
                .toList(), lines -> !lines.isEmpty(), "the reasons list's audit line");
    }
}
