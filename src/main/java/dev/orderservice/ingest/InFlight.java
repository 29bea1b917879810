package dev.orderservice.ingest;

import dev.orderservice.store.PendingMessage;

/**
 * A message between delivery and its ack: the delivered message and what the decoder made of it,
 * kept together so that the outcome of writing {@code pending} settles exactly {@code message}.
 */
record InFlight(ConsumedMessage message, PendingMessage pending) {
}
