package dev.orderservice.validation;

/** Why a message was not stored as an order; a small fixed set, so it can label metrics. */
public enum RejectReason {
    TOO_LARGE("too_large"),
    MALFORMED_JSON("malformed_json"),
    INVALID_ORDER("invalid_order"),
    CONFLICT("conflict"),
    UNSTORABLE("unstorable");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    /** The stable name used in the rejected store, the API and metric labels. */
    public String code() {
        return code;
    }
}
