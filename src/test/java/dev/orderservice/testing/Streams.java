package dev.orderservice.testing;

import dev.orderservice.ingest.Broker;
import dev.orderservice.ingest.StreamNames;
import dev.orderservice.ingest.StreamSetup;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Duration;

/**
 * The order stream and durable consumer as the service creates them, made by the test before the
 * service starts, so a backlog can be published first and the service found mid-ingest.
 */
public final class Streams {

    /** As {@link ServiceProcess#external}: unacked messages come back after 3 s, not 30. */
    public static final Duration ACK_WAIT = Duration.ofSeconds(3);

    private Streams() {
    }

    public static StreamNames names(int replicas) {
        return new StreamNames("ORDERS", "orders", "order-service", ACK_WAIT, StreamNames.DEFAULT_MAX_DELIVERIES,
                replicas);
    }

    /** Creates the stream (with {@code replicas}) and the consumer, through the service's own setup. */
    public static void create(String natsUrls, int replicas) throws Exception {
        try (Connection connection = Nats.connect(Broker.options(natsUrls, "test-setup"))) {
            StreamSetup.ensure(connection, names(replicas));
        }
    }
}
