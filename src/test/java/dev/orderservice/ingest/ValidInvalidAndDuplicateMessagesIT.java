package dev.orderservice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.testing.AckedPublisher;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.ServiceProcess;
import dev.orderservice.testing.Sql;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spine end to end, with a real nats-server, PostgreSQL and the packaged service: valid
 * orders are served back field for field, every invalid message is in the rejected store with a
 * reason, and duplicates (exact or reformatted) are stored once.
 */
class ValidInvalidAndDuplicateMessagesIT {

    private static final int VALID = 300;
    @RegisterExtension
    static final RealServices services = new RealServices();

    @Test
    void validOrdersAreServedInvalidOnesRejectedWithReasonsDuplicatesStoredOnce() throws Exception {
        String db = services.postgres().newDatabase();
        try (ServiceProcess service = ServiceProcess.external(db, services.nats().url(), "flow", Map.of()).startAndAwaitReady();
                AckedPublisher publisher = new AckedPublisher(services.nats().url(), "orders")) {
            List<ObjectNode> valid = new ArrayList<>();
            for (int i = 0; i < VALID; i++) {
                ObjectNode order = SampleOrders.withUid("flow" + i);
                order.put("customer_id", "customer-" + i);
                valid.add(order);
                publisher.send(SampleOrders.bytes(order));
            }
            for (int i = 0; i < 20; i++) {
                publisher.send(SampleOrders.bytes(valid.get(i)));
            }
            String reformatted = valid.get(20).toPrettyString().replace("\"order_uid\"", " \"order_uid\"");
            publisher.send(reformatted.getBytes(StandardCharsets.UTF_8));

            Map<String, byte[]> invalid = invalidMessages();
            invalid.values().forEach(publisher::send);
            ObjectNode conflicting = SampleOrders.withUid("flow0");
            conflicting.put("customer_id", "somebody-else");
            publisher.send(SampleOrders.bytes(conflicting));
            publisher.flush();

            int expectedRejected = invalid.size() + 1;
            Await.until(Duration.ofSeconds(60), () -> Sql.count(db, "select count(*) from orders")
                    + Sql.count(db, "select count(*) from rejected_messages"),
                    n -> n == VALID + expectedRejected, "all messages to be stored or rejected");
            assertThat(Sql.count(db, "select count(*) from orders")).isEqualTo(VALID);
            assertThat(Sql.count(db, "select count(*) from items")).isEqualTo(VALID);

            for (ObjectNode order : valid) {
                HttpResponse<String> response = service.get("/api/orders/" + order.get("order_uid").asText());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
                assertThat(SampleOrders.parse(response.body())).isEqualTo(order);
            }

            JsonNode rejected = SampleOrders.parse(service.get("/api/rejected?limit=100").body());
            Set<String> reasons = new TreeSet<>();
            rejected.get("items").forEach(item -> {
                assertThat(item.get("detail").asText()).isNotBlank();
                reasons.add(item.get("reason").asText());
            });
            assertThat(rejected.get("items")).hasSize(expectedRejected);
            assertThat(reasons).containsExactlyInAnyOrder("malformed_json", "invalid_order", "too_large",
                    "conflict");
            JsonNode conflict = SampleOrders.parse(service.get("/api/orders/flow0").body());
            assertThat(conflict.get("customer_id").asText()).isEqualTo("customer-0");
        }
    }

    @Test
    void malformedAndUnknownIdsGetProblemBodies() throws Exception {
        String db = services.postgres().newDatabase();
        try (ServiceProcess service = ServiceProcess.external(db, services.nats().url(), "ids", Map.of()).startAndAwaitReady()) {
            HttpResponse<String> malformed = service.get("/api/orders/bad%20id!");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            HttpResponse<String> unknown = service.get("/api/orders/nosuchorder");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(SampleOrders.parse(unknown.body()).get("status").asInt()).isEqualTo(404);
            assertThat(service.get("/api/orders?limit=0").statusCode()).isEqualTo(400);
            assertThat(service.get("/api/orders?before=abc").statusCode()).isEqualTo(400);
        }
    }

    private static Map<String, byte[]> invalidMessages() {
        Map<String, byte[]> messages = new LinkedHashMap<>();
        messages.put("not json", "this is not json".getBytes(StandardCharsets.UTF_8));
        messages.put("truncated", "{\"order_uid\": \"trunc1\", \"track".getBytes(StandardCharsets.UTF_8));
        messages.put("array", "[1, 2, 3]".getBytes(StandardCharsets.UTF_8));
        messages.put("empty object", "{}".getBytes(StandardCharsets.UTF_8));
        messages.put("random bytes", new byte[] {(byte) 0xff, 0x00, 0x13, (byte) 0x80, 0x7b});
        ObjectNode missingPayment = SampleOrders.withUid("bad1");
        missingPayment.remove("payment");
        messages.put("missing payment", SampleOrders.bytes(missingPayment));
        ObjectNode wrongType = SampleOrders.withUid("bad2");
        ((ObjectNode) wrongType.get("payment")).put("amount", "1817");
        messages.put("amount as string", SampleOrders.bytes(wrongType));
        ObjectNode unknownField = SampleOrders.withUid("bad3");
        unknownField.put("surprise", true);
        messages.put("unknown field", SampleOrders.bytes(unknownField));
        ObjectNode badDate = SampleOrders.withUid("bad4");
        badDate.put("date_created", "yesterday");
        messages.put("bad date", SampleOrders.bytes(badDate));
        ObjectNode inconsistent = SampleOrders.withUid("bad5");
        ((ObjectNode) inconsistent.get("payment")).put("amount", 1);
        messages.put("totals do not add up", SampleOrders.bytes(inconsistent));
        ObjectNode nul = SampleOrders.withUid("bad6");
        nul.put("customer_id", "a\u0000b");
        messages.put("NUL in a string", SampleOrders.bytes(nul));
        ObjectNode huge = SampleOrders.withUid("bad7");
        huge.put("internal_signature", "x".repeat(300 * 1024));
        messages.put("too large", SampleOrders.bytes(huge));
        messages.put("deeply nested", ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8));
        return messages;
    }
}
