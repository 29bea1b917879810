package dev.orderservice.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.orderservice.json.Json;

/**
 * An order's canonical JSON: compact, the model's field names and order, so the same order always
 * gives the same bytes. Those bytes are what the cache holds, what the API serves and what
 * conflict detection hashes.
 */
public final class OrderJson {

    private static final ObjectWriter ORDER_WRITER = Json.mapper().writerFor(Order.class);

    private OrderJson() {
    }

    /** The canonical bytes of an order. */
    public static byte[] write(Order order) {
        try {
            return ORDER_WRITER.writeValueAsBytes(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an Order record always serialises", e);
        }
    }
}
