package dev.orderservice.publish;

/** What a published message is, from the service's point of view. */
public enum MessageKind {
    /** A valid order sent for the first time. */
    VALID,
    /** Not an order: the service must reject it and keep going. */
    INVALID,
    /** A valid order sent before, byte for byte: the service must store it once. */
    DUPLICATE
}
