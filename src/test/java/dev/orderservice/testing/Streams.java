package dev.orderservice.testing;

import dev.orderservice.config.Defaults;
import dev.orderservice.ingest.Broker;
import dev.orderservice.ingest.StreamSettings;
import dev.orderservice.ingest.StreamSetup;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import java.time.Duration;

/**
 * The order stream and durable consumer as the service creates them, made by the test before the
 * service starts, so a backlog can be published first and the service found mid-ingest; and what
 * an operator may do to them while the service runs.
 */
public final class Streams {

    /** As {@link ServiceProcess#external}: unacked messages come back after 3 s, not 30. */
    public static final Duration ACK_WAIT = Duration.ofSeconds(3);

    private Streams() {
    }

    public static StreamSettings names(int replicas) {
        return new StreamSettings("ORDERS", "orders", "order-service", ACK_WAIT, Defaults.MAX_DELIVERIES,
                replicas);
    }

    /** Creates the stream (with {@code replicas}) and the consumer, through the service's own setup. */
    public static void create(String natsUrls, int replicas) throws Exception {
        try (Connection connection = Nats.connect(Broker.options(natsUrls, "test-setup"))) {
            StreamSetup.ensure(connection, names(replicas));
        }
    }

    /** What {@code nats consumer rm ORDERS order-service} does while the service consumes. */
    public static void deleteConsumer(String natsUrls) throws Exception {
        try (Connection connection = Nats.connect(Broker.options(natsUrls, "test-operator"))) {
            connection.jetStreamManagement().deleteConsumer(names(1).stream(), names(1).consumer());
        }
    }

    /** What {@code nats stream rm ORDERS} does: the stream, its messages and its consumers go. */
    public static void deleteStream(String natsUrls) throws Exception {
        try (Connection connection = Nats.connect(Broker.options(natsUrls, "test-operator"))) {
            connection.jetStreamManagement().deleteStream(names(1).stream());
        }
    }

    /**
     * Waits until the consumer has delivered every message of the stream and each was acked: the
     * service acks only after a commit, so everything published so far is stored or rejected.
     */
    public static ConsumerInfo awaitAllAcked(String natsUrls, Duration timeout) throws Exception {
        try (Connection connection = Nats.connect(Broker.options(natsUrls, "test-settled"))) {
            JetStreamManagement jsm = connection.jetStreamManagement();
            return Await.until(timeout, () -> jsm.getConsumerInfo(names(1).stream(), names(1).consumer()),
                    info -> info.getNumPending() == 0 && info.getNumAckPending() == 0,
                    "the consumer to have delivered and seen acked every message");
        }
    }
}
