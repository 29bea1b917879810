package dev.orderservice.store;

import dev.orderservice.validation.Verdict;

/**
 * One consumed message on its way to the database.
 *
 * @param messageKey identifies the message in the stream (not the order): stream, sequence and
 *                   publish time. Writing a rejection twice under the same key is a no-op.
 * @param payload    the raw bytes, kept (capped) with a rejection for diagnosis
 * @param verdict    what the decoder made of the bytes
 */
public record PendingMessage(String messageKey, byte[] payload, Verdict verdict) {
}
