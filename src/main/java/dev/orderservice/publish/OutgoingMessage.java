package dev.orderservice.publish;

/**
 * One message of a plan, before it is sent.
 *
 * @param index        position in the run, from 0
 * @param kind         what it is
 * @param garbageKind  the kind of damage when {@code kind} is INVALID; null otherwise
 * @param orderUid     the order's id when {@code kind} is VALID or DUPLICATE; null otherwise
 * @param validOrdinal which valid order (0 = the first sent) when VALID or DUPLICATE; -1 otherwise
 * @param payload      the bytes to send
 */
public record OutgoingMessage(
        long index, MessageKind kind, GarbageKind garbageKind, String orderUid, long validOrdinal, byte[] payload) {
}
