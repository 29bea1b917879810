package dev.orderservice.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderservice.json.Json;
import dev.orderservice.model.Order;

/**
 * Turns the raw bytes of a message into a {@link Verdict}. Never throws for bad input: size and
 * strict UTF-8 ({@link Utf8}) are checked before parsing, parsing is bounded (see
 * {@link Json}), and every failure becomes a rejection with its reason. Thread-safe.
 *
 * <p>Two paths, one contract ({@link OrderContract}): {@link OnePassReader} streams a message
 * straight into an order and only ever accepts; whatever it does not accept is parsed into a tree
 * and judged by {@link OrderValidator}, which is where every rejection and its reasons come from.
 * So the fast path changes what decoding costs, never what it decides.
 */
public final class MessageDecoder {

    private final OrderValidator validator = new OrderValidator();
    private final int maxMessageBytes;

    public MessageDecoder(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    public Verdict decode(byte[] payload) {
        Verdict.Rejected unread = refusedUnread(payload);
        if (unread != null) {
            return unread;
        }
        Order order;
        try {
            order = OnePassReader.read(payload);
        } catch (JsonProcessingException notJson) {
            // Json.parse would fail to read its tree too, then read with the strict parser: go there directly
            return judged(payload, Json::parseStrictly);
        }
        return order != null ? OrderValidator.accepted(order) : judged(payload, Json::parse);
    }

    /** The verdict of the tree path alone, which the one-pass reader must agree with (and is tested against). */
    Verdict decodeByTree(byte[] payload) {
        Verdict.Rejected unread = refusedUnread(payload);
        return unread != null ? unread : judged(payload, Json::parse);
    }

    /** A rejection for what is refused before parsing (empty, too large, not UTF-8), else null. */
    private Verdict.Rejected refusedUnread(byte[] payload) {
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
        return null;
    }

    /** The tree path: the verdict of the validator on the tree {@code parser} reads, or why there is none. */
    private Verdict judged(byte[] payload, TreeParser parser) {
        JsonNode root;
        try {
            root = parser.parse(payload);
        } catch (JsonProcessingException e) {
            return new Verdict.Rejected(RejectReason.MALFORMED_JSON, "not JSON: " + e.getOriginalMessage(), null);
        }
        return validator.validate(root);
    }

    /** {@link Json#parse}, or its strict reading alone. */
    @FunctionalInterface
    private interface TreeParser {
        JsonNode parse(byte[] bytes) throws JsonProcessingException;
    }
}
