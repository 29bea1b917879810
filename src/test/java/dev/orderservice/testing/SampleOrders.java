package dev.orderservice.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/** Orders shaped like shared/model.json, with the id (and optionally a field) changed. */
public final class SampleOrders {

    private static final ObjectNode MODEL = load();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private SampleOrders() {
    }

    /** The canonical example order, as a fresh mutable tree. */
    public static ObjectNode model() {
        return MODEL.deepCopy();
    }

    /** A fresh order id, unique within a run and across runs: tests that share one database never collide. */
    public static String newUid(String prefix) {
        return prefix + Long.toString(System.currentTimeMillis(), 36) + SEQUENCE.incrementAndGet();
    }

    public static ObjectNode withUid(String uid) {
        ObjectNode order = model();
        order.put("order_uid", uid);
        return order;
    }

    /** A consistent order with {@code count} copies of the model's item (payment totals adjusted): a large message. */
    public static ObjectNode withItems(String uid, int count) {
        ObjectNode order = withUid(uid);
        var items = order.putArray("items");
        JsonNode item = MODEL.get("items").get(0);
        for (int i = 0; i < count; i++) {
            ObjectNode copy = item.deepCopy();
            copy.put("chrt_id", item.get("chrt_id").asLong() + i);
            items.add(copy);
        }
        long goods = count * item.get("total_price").asLong();
        ObjectNode payment = (ObjectNode) order.get("payment");
        payment.put("goods_total", goods);
        payment.put("amount", goods + payment.get("delivery_cost").asLong() + payment.get("custom_fee").asLong());
        return order;
    }

    public static byte[] bytes(JsonNode order) {
        try {
            return Json.mapper().writeValueAsBytes(order);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode load() {
        try (InputStream in = SampleOrders.class.getResourceAsStream("/model.json")) {
            return (ObjectNode) Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
