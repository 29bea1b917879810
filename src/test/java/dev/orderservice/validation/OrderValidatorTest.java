package dev.orderservice.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.json.Json;
import dev.orderservice.model.Order;
import dev.orderservice.model.OrderJson;
import dev.orderservice.testing.SampleOrders;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OrderValidatorTest {

    private final MessageDecoder decoder = new MessageDecoder(256 * 1024);

    @Test
    void theModelOrderIsValidAndRoundTripsFieldForField() throws Exception {
        Verdict verdict = decoder.decode(SampleOrders.bytes(SampleOrders.model()));
        assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
        byte[] canonical = ((Verdict.Accepted) verdict).json();
        assertThat(SampleOrders.parse(new String(canonical, StandardCharsets.UTF_8))).isEqualTo(SampleOrders.model());
        assertThat(OrderJson.write(Json.mapper().readValue(canonical, Order.class))).isEqualTo(canonical);
    }

    @Test
    void reformattedOrderHasTheSameCanonicalBytesAndHash() {
        var compact = (Verdict.Accepted) decoder.decode(SampleOrders.bytes(SampleOrders.model()));
        var pretty = (Verdict.Accepted) decoder.decode(
                SampleOrders.model().toPrettyString().getBytes(StandardCharsets.UTF_8));
        assertThat(pretty.contentHash()).isEqualTo(compact.contentHash());
    }

    @Test
    void everyProblemIsReportedWithItsPath() {
        ObjectNode order = SampleOrders.model();
        order.remove("track_number");
        order.put("sm_id", "99");
        ((ObjectNode) order.get("payment")).put("amount", -5);
        ((ObjectNode) order.get("delivery")).put("email", 12);
        order.put("extra", 1);
        Verdict.Rejected rejected = (Verdict.Rejected) decoder.decode(SampleOrders.bytes(order));
        assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_ORDER);
        assertThat(rejected.orderUid()).isEqualTo("b563feb7b2b84b6test");
        assertThat(rejected.detail()).contains("track_number: is required", "sm_id: must be an integer",
                "payment.amount: must be between 0", "delivery.email: must be a string", "extra: unknown field");
    }

    @Test
    void inconsistentTotalsAndForeignItemTrackNumbersAreRejected() {
        ObjectNode order = SampleOrders.model();
        ((ObjectNode) order.get("payment")).put("goods_total", 318);
        ((ObjectNode) order.withArray("items").get(0)).put("track_number", "OTHER");
        Verdict.Rejected rejected = (Verdict.Rejected) decoder.decode(SampleOrders.bytes(order));
        assertThat(rejected.detail()).contains("payment.goods_total: must equal the sum", "items[0].track_number");
    }

    @Test
    void fractionalNumbersNullsAndEmptyItemsAreRejected() {
        ObjectNode order = SampleOrders.model();
        ((ObjectNode) order.get("payment")).put("custom_fee", 0.5);
        order.putNull("locale");
        order.putArray("items");
        Verdict.Rejected rejected = (Verdict.Rejected) decoder.decode(SampleOrders.bytes(order));
        assertThat(rejected.detail()).contains("payment.custom_fee: must be an integer, not a fractional number",
                "locale: must not be null", "items: must have 1 to");
    }

    @Test
    void unstorableTextIsRejected() {
        ObjectNode nul = SampleOrders.model();
        nul.put("entry", "a\u0000");
        assertThat(decoder.decode(SampleOrders.bytes(nul))).isInstanceOf(Verdict.Rejected.class);
        byte[] loneSurrogate = new String(SampleOrders.bytes(SampleOrders.model()), StandardCharsets.UTF_8)
                .replace("\"WBIL\"", "\"\\ud800\"").getBytes(StandardCharsets.UTF_8);
        assertThat(((Verdict.Rejected) decoder.decode(loneSurrogate)).detail()).contains("entry: contains");
    }

    @Test
    void garbageNeverThrows() {
        assertThat(decoder.decode(new byte[0])).isInstanceOf(Verdict.Rejected.class);
        assertThat(decoder.decode("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Verdict.Rejected.class);
        assertThat(decoder.decode("{} trailing".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Verdict.Rejected.class);
        assertThat(decoder.decode("[".repeat(100_000).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Verdict.Rejected.class);
        Verdict.Rejected big = (Verdict.Rejected) new MessageDecoder(10).decode(new byte[11]);
        assertThat(big.reason()).isEqualTo(RejectReason.TOO_LARGE);
    }
}
