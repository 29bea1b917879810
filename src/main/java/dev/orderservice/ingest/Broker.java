package dev.orderservice.ingest;

import dev.orderservice.config.Redaction;
import dev.orderservice.config.SettingException;
import dev.orderservice.logging.OutageReport;
import dev.orderservice.nats.NatsConnectionOptions;
import dev.orderservice.nats.NatsFailures;
import dev.orderservice.nats.NatsSecurity;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
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
 * Refused credentials and failed TLS are waited out too (not ready meanwhile): the fix is often
 * on the server's side (an account not yet provisioned, a certificate being renewed), and a
 * service that keeps trying picks it up without a restart.
 */
public final class Broker {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
    static final Duration RECONNECT_WAIT = Duration.ofSeconds(1);
    static final Duration CONNECT_RETRY = Duration.ofSeconds(2);

    private Broker() {
    }

    /** Options for an open NATS (no credentials; TLS only where a URL says {@code tls://}). */
    public static Options options(String urls, String connectionName) {
        try {
            return options(urls, NatsSecurity.NONE, connectionName, new NatsFailures());
        } catch (SettingException e) {
            throw new IllegalStateException("an open NATS has no settings to get wrong", e);
        }
    }

    /**
     * @throws SettingException when the security settings contradict each other or a file cannot be used
     */
    static Options options(String urls, NatsSecurity security, String connectionName, NatsFailures failures)
            throws SettingException {
        return NatsConnectionOptions.builder(urls, security)
                .connectionName(connectionName)
                // serve's notices to the other instances (PeerNotices) are not sent back to itself,
                // which would drop them unread: NATS neither routes nor delivers them twice
                .noEcho()
                .maxReconnects(-1)
                .reconnectWait(RECONNECT_WAIT)
                .connectionTimeout(Duration.ofSeconds(2))
                .connectionListener(new OutageLog())
                .errorListener(failures)
                .build();
    }

    /**
     * Connects, waiting as long as it takes for the broker to be reachable and to accept the
     * credentials; one line says why it waits (again every {@link OutageReport#EVERY}, and at once
     * when the reason changes).
     *
     * @throws SettingException     when the settings cannot be used at all (checked before the first attempt)
     * @throws InterruptedException when the wait is interrupted (the service is stopping)
     */
    public static Connection connectPatiently(String urls, NatsSecurity security, String connectionName)
            throws SettingException, InterruptedException {
        options(urls, security, connectionName, new NatsFailures());
        String shown = Redaction.natsUrls(urls);
        OutageReport outage = new OutageReport();
        NatsFailures.Cause last = null;
        while (true) {
            // a listener per attempt, so a reason heard once is not taken for the next failure's;
            // the options anew, so a fixed .creds or NKey seed file is read again
            NatsFailures failures = new NatsFailures();
            try {
                Connection connection = Nats.connect(options(urls, security, connectionName, failures));
                if (outage.over()) {
                    LOG.info("NATS at {} is reachable now", shown);
                }
                return connection;
            } catch (IOException e) {
                String reason = failures.explain(e);
                NatsFailures.Cause cause = NatsFailures.cause(reason);
                if (outage.due() || cause != last) {
                    LOG.warn("{}", waitLine(shown, cause, reason));
                }
                last = cause;
                Thread.sleep(CONNECT_RETRY);
            }
        }
    }

    private static String waitLine(String urls, NatsFailures.Cause cause, String reason) {
        return cause.headline(urls) + " (" + reason + "); waiting for it - " + cause.advice();
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
                    LOG.info("reconnected to NATS at {}", Redaction.natsUrls(connection.getConnectedUrl()));
                }
                default -> LOG.debug("NATS connection event: {}", event);
            }
        }
    }
}
