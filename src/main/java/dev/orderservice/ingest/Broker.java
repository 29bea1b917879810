package dev.orderservice.ingest;

import dev.orderservice.logging.OutageReport;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to NATS. Once connected, the client reconnects by itself forever; before that,
 * {@link #connectPatiently} waits for the broker, logging one line rather than a stack trace.
 */
public final class Broker {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
    static final Duration RECONNECT_WAIT = Duration.ofSeconds(1);
    static final Duration CONNECT_RETRY = Duration.ofSeconds(2);

    private Broker() {
    }

    public static Options options(String urls, String connectionName) {
        return new Options.Builder()
                .servers(urls.split(","))
                .connectionName(connectionName)
                .maxReconnects(-1)
                .reconnectWait(RECONNECT_WAIT)
                .connectionTimeout(Duration.ofSeconds(2))
                .connectionListener(new OutageLog())
                .errorListener(new ErrorListener() {
                })
                .build();
    }

    /**
     * Connects, waiting as long as it takes for the broker to be reachable.
     *
     * @throws InterruptedException when the wait is interrupted (the service is stopping)
     */
    public static Connection connectPatiently(String urls, String connectionName) throws InterruptedException {
        Options options = options(urls, connectionName);
        OutageReport outage = new OutageReport();
        while (true) {
            try {
                Connection connection = Nats.connect(options);
                if (outage.over()) {
                    LOG.info("NATS at {} is reachable now", urls);
                }
                return connection;
            } catch (IOException e) {
                if (outage.due()) {
                    LOG.warn("NATS is unreachable at {} ({}); waiting for it - check ORDERS_NATS_URL and that "
                            + "nats-server runs with JetStream (-js)", urls, e.getMessage());
                }
                Thread.sleep(CONNECT_RETRY);
            }
        }
    }

    /**
     * One line when a working connection is lost and one when it is back. The client reports a
     * DISCONNECTED for every failed attempt, once a second for as long as an outage lasts, and
     * while the first connection is still being made; those would drown the log.
     */
    private static final class OutageLog implements ConnectionListener {
        private final AtomicBoolean connected = new AtomicBoolean();

        @Override
        public void connectionEvent(Connection connection, Events event) {
            switch (event) {
                case CONNECTED -> connected.set(true);
                case DISCONNECTED -> {
                    if (connected.compareAndSet(true, false)) {
                        LOG.warn("disconnected from NATS; reconnecting");
                    }
                }
                case RECONNECTED -> {
                    connected.set(true);
                    LOG.info("reconnected to NATS at {}", connection.getConnectedUrl());
                }
                default -> LOG.debug("NATS connection event: {}", event);
            }
        }
    }
}
