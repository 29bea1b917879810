package dev.orderservice.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderservice.json.Json;

/**
 * Turns the raw bytes of a message into a {@link Verdict}. Never throws for bad input: size and
 * strict UTF-8 ({@link Utf8}) are checked before parsing, parsing is bounded (see
 * {@link Json}), and every failure becomes a rejection with its reason. Thread-safe.
 */
public final class MessageDecoder {

    private final OrderValidator validator = new OrderValidator();
    private final int maxMessageBytes;

    public MessageDecoder(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    public Verdict decode(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return new Verdict.Rejected(RejectReason.MALFORMED_JSON, "the message is empty", null);
        }
        if (payload.length > maxMessageBytes) {
            return new Verdict.Rejected(RejectReason.TOO_LARGE,
                    "the message has " + payload.length + " bytes; the limit is " + maxMessageBytes, null);
        }
        int illFormed = Utf8.firstInvalid(payload);
        if (illFormed >= 0) {
            return new Verdict.Rejected(RejectReason.MALFORMED_JSON,
                    "not UTF-8: an ill-formed byte sequence starts at byte " + illFormed, null);
        }
        JsonNode root;
        try {
            root = Json.parse(payload);
        } catch (JsonProcessingException e) {
            return new Verdict.Rejected(RejectReason.MALFORMED_JSON, "not JSON: " + e.getOriginalMessage(), null);
        }
        return validator.validate(root);
    }
}
