package dev.orderservice.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.model.OrderJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Orders shaped like shared/model.json, with the id (and optionally a field) changed. */
public final class SampleOrders {

    private static final ObjectNode MODEL = load();

    private SampleOrders() {
    }

    /** The canonical example order, as a fresh mutable tree. */
    public static ObjectNode model() {
        return MODEL.deepCopy();
    }

    public static ObjectNode withUid(String uid) {
        ObjectNode order = model();
        order.put("order_uid", uid);
        return order;
    }

    public static byte[] bytes(JsonNode order) {
        try {
            return OrderJson.mapper().writeValueAsBytes(order);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return OrderJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode load() {
        try (InputStream in = SampleOrders.class.getResourceAsStream("/model.json")) {
            return (ObjectNode) OrderJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
