package dev.orderservice.ingest;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the stream and the durable consumer when they are missing and leaves them as they are
 * when they exist: an operator's configuration of either always wins.
 *
 * <p>The stream's limits ({@link StreamSettings#maxAge()}, {@link StreamSettings#maxBytes()}) are
 * JetStream's own, with its default discard policy (old): past either, the broker removes the
 * oldest messages whether or not the service has ingested them, so the limits must stay well above
 * the longest outage ingest is to ride out ({@code orders_consumer_pending} shows the backlog).
 */
public final class StreamSetup {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSetup.class);
    /** JetStream API error codes: the stream, the consumer does not exist. */
    public static final int STREAM_NOT_FOUND = 10059;
    public static final int CONSUMER_NOT_FOUND = 10014;

    /** Publisher-side dedup: a re-sent Nats-Msg-Id within this window is dropped by the broker. */
    public static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(2);
    /** Larger than the service's own message limit, so oversized messages reach it and are recorded. */
    public static final long STREAM_MAX_MESSAGE_BYTES = 1024 * 1024;
    /** Unacknowledged messages in flight per consumer: enough for several prefetched batches. */
    public static final long MAX_ACK_PENDING = 20_000;

    private StreamSetup() {
    }

    /** JetStream refuses a duplicate window longer than the age limit. */
    private static Duration duplicateWindow(StreamSettings settings) {
        return settings.maxAge().isZero() || settings.maxAge().compareTo(DUPLICATE_WINDOW) > 0 ? DUPLICATE_WINDOW
                : settings.maxAge();
    }

    /**
     * @throws IOException           when the broker cannot be reached
     * @throws JetStreamApiException when the broker refuses the stream or consumer
     */
    public static void ensure(Connection connection, StreamSettings settings) throws IOException, JetStreamApiException {
        JetStreamManagement jsm = connection.jetStreamManagement();
        try {
            jsm.getStreamInfo(settings.stream());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
            StreamConfiguration.Builder stream = StreamConfiguration.builder()
                    .name(settings.stream())
                    .subjects(settings.subject())
                    .storageType(StorageType.File)
                    .replicas(settings.replicas())
                    .duplicateWindow(duplicateWindow(settings))
                    .maxMsgSize(STREAM_MAX_MESSAGE_BYTES);
            if (!settings.maxAge().isZero()) {
                stream.maxAge(settings.maxAge());
            }
            if (settings.maxBytes() > 0) {
                stream.maxBytes(settings.maxBytes());
            }
            jsm.addStream(stream.build());
            LOG.info("created stream {} on subject {} ({} replica(s), max age {}, max bytes {})", settings.stream(),
                    settings.subject(), settings.replicas(), settings.maxAge().isZero() ? "none" : settings.maxAge(),
                    settings.maxBytes() > 0 ? settings.maxBytes() : "none");
        }
        try {
            jsm.getConsumerInfo(settings.stream(), settings.consumer());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != CONSUMER_NOT_FOUND) {
                throw e;
            }
            // maxDeliver stays unlimited: the broker must never drop a message on its own. The
            // service itself rejects, into the rejected store, what it could not store in time.
            jsm.addOrUpdateConsumer(settings.stream(), ConsumerConfiguration.builder()
                    .durable(settings.consumer())
                    .filterSubject(settings.subject())
                    .deliverPolicy(DeliverPolicy.All)
                    .ackPolicy(AckPolicy.Explicit)
                    .ackWait(settings.ackWait())
                    .maxDeliver(-1)
                    .maxAckPending(MAX_ACK_PENDING)
                    .build());
            LOG.info("created durable consumer {} on stream {}", settings.consumer(), settings.stream());
        }
    }
}
