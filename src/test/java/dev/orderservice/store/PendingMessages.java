package dev.orderservice.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.validation.MessageDecoder;
import java.nio.charset.StandardCharsets;

/** Messages as ingest hands them to the writer: the bytes under a message key, decoded and judged. */
final class PendingMessages {

    private static final MessageDecoder DECODER = new MessageDecoder(256 * 1024);

    private PendingMessages() {
    }

    /** An order's message under {@code key}. */
    static PendingMessage of(String key, JsonNode order) {
        return raw(key, SampleOrders.bytes(order));
    }

    /** Any bytes under {@code key}, e.g. text that is no JSON. */
    static PendingMessage raw(String key, byte[] bytes) {
        return new PendingMessage(key, bytes, DECODER.decode(bytes));
    }

    static PendingMessage raw(String key, String text) {
        return raw(key, text.getBytes(StandardCharsets.UTF_8));
    }
}
