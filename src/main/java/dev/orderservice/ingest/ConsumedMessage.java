package dev.orderservice.ingest;

import java.time.Duration;

/**
 * What ingest needs of a message the broker delivered: its bytes, its lasting name, how often it
 * was delivered, and the three ways ingest settles it. {@link JetStreamMessage} is the real one;
 * the loop's retry, isolation and poison logic sees only this, so it can be tested without a broker.
 */
interface ConsumedMessage {

    /** Names the message in its stream; the same on every redelivery. */
    String key();

    byte[] data();

    /** 1 on the first delivery. */
    long deliveredCount();

    /** Done with: it was stored (or was a duplicate). */
    void ack();

    /** Done with, never to be redelivered: it was stored as rejected. */
    void term();

    /** Not settled: the broker redelivers it after {@code delay}. */
    void nakWithDelay(Duration delay);
}
