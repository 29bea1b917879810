package dev.orderservice.validation;

import dev.orderservice.model.Order;

/**
 * The verdict on one message, the one result type of decoding and validation: an accepted order,
 * or a rejection with its reasons. Bad input always ends here, never in an exception.
 */
public sealed interface Verdict {

    /**
     * A valid order with its canonical JSON (what the cache and the API serve) and the SHA-256 of
     * those bytes (how a redelivery is told from a conflicting order with the same id).
     */
    record Accepted(Order order, byte[] json, byte[] contentHash) implements Verdict {
        public String orderUid() {
            return order.orderUid();
        }
    }

    /** Not an order: why, in a stable code and a sentence for people; the order id if one was readable. */
    record Rejected(RejectReason reason, String detail, String orderUid) implements Verdict {
    }
}
