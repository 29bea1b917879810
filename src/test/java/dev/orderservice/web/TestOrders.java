package dev.orderservice.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicInteger;

/** Valid, internally consistent orders (amounts add up, item track numbers match), shaped like model.json. */
final class TestOrders {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestOrders() {
    }

    /** A fresh order id, unique within a run and across runs. */
    static String newId(String prefix) {
        return prefix + Long.toString(System.currentTimeMillis(), 36) + SEQUENCE.incrementAndGet();
    }

    static ObjectNode order(String orderUid) {
        String track = "WBILMTESTTRACK";
        ObjectNode order = JSON.createObjectNode();
        order.put("order_uid", orderUid).put("track_number", track).put("entry", "WBIL");
        order.putObject("delivery").put("name", "Test Testov").put("phone", "+9720000000").put("zip", "2639809")
                .put("city", "Kiryat Mozkin").put("address", "Ploshad Mira 15").put("region", "Kraiot")
                .put("email", "test@gmail.com");
        order.putObject("payment").put("transaction", orderUid).put("request_id", "").put("currency", "USD")
                .put("provider", "wbpay").put("amount", 1817).put("payment_dt", 1637907727).put("bank", "alpha")
                .put("delivery_cost", 1500).put("goods_total", 317).put("custom_fee", 0);
        ArrayNode items = order.putArray("items");
        items.addObject().put("chrt_id", 9934930).put("track_number", track).put("price", 453)
                .put("rid", "ab4219087a764ae0btest").put("name", "Mascaras").put("sale", 30).put("size", "0")
                .put("total_price", 317).put("nm_id", 2389212).put("brand", "Vivienne Sabo").put("status", 202);
        order.put("locale", "en").put("internal_signature", "").put("customer_id", "test")
                .put("delivery_service", "meest").put("shardkey", "9").put("sm_id", 99)
                .put("date_created", "2021-11-26T06:22:19Z").put("oof_shard", "1");
        return order;
    }

    static String json(ObjectNode order) {
        return order.toString();
    }
}
