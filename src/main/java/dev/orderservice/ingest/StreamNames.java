package dev.orderservice.ingest;

import java.time.Duration;

/**
 * Where orders arrive and how the service consumes them.
 *
 * @param stream        the JetStream stream
 * @param subject       the subject shops publish to, captured by the stream
 * @param consumer      the durable pull consumer the service (all its instances) reads through
 * @param ackWait       how long a delivered message may stay unacknowledged before redelivery
 * @param maxDeliveries after this many deliveries a message that still cannot be stored is rejected
 * @param replicas      stream replicas when the service creates the stream (3 on a cluster)
 */
public record StreamNames(String stream, String subject, String consumer, Duration ackWait, int maxDeliveries,
        int replicas) {

    public static final Duration DEFAULT_ACK_WAIT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_DELIVERIES = 5;
}
