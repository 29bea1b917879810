package dev.orderservice.ingest;

import java.time.Duration;

/**
 * Where orders arrive and how the service consumes them: the names, and what the service sets
 * when it creates the stream or the consumer (an operator's existing ones are left as they are).
 *
 * @param stream        the JetStream stream
 * @param subject       the subject shops publish to, captured by the stream
 * @param consumer      the durable pull consumer the service (all its instances) reads through
 * @param ackWait       how long a delivered message may stay unacknowledged before redelivery
 * @param maxDeliveries after this many deliveries a message that still cannot be stored is rejected
 * @param replicas      stream replicas when the service creates the stream (3 on a cluster)
 * @param maxAge        the stream's age limit when the service creates it; zero for none
 * @param maxBytes      the stream's size limit when the service creates it; zero for none
 */
public record StreamSettings(String stream, String subject, String consumer, Duration ackWait, int maxDeliveries,
        int replicas, Duration maxAge, long maxBytes) {

    /** Without limits on the stream. */
    public StreamSettings(String stream, String subject, String consumer, Duration ackWait, int maxDeliveries,
            int replicas) {
        this(stream, subject, consumer, ackWait, maxDeliveries, replicas, Duration.ZERO, 0);
    }
}
