package dev.orderservice.ingest;

import dev.orderservice.logging.ExceptionLine;
import dev.orderservice.logging.OutageReport;
import io.nats.client.ConsumerContext;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.ConsumerInfo;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's durable consumer as ingest uses it: each {@link #open} first makes sure the stream
 * and the consumer exist, creating what is missing exactly as at start ({@link StreamSetup}), so
 * one that an operator deleted comes back; {@link #gone} asks the broker whether the consumer last
 * opened is still there. The log gets one line when the consumer is lost and one when it is back
 * (and one every {@link OutageReport#EVERY} while it cannot be opened), never a stack trace.
 *
 * <p>Why ask: jnats (2.26, against nats-server 2.9) tells a subscription that its consumer was
 * deleted, by {@code 409 Consumer Deleted} from {@code nextMessage}, only when the deletion finds
 * it idle. Deleted while messages flow, the subscription hands out what it had prefetched; deleted
 * (or deleted and created again) while the service was cut off, it is resubscribed on reconnect;
 * either way it then waits for ever, with nothing in the log. The broker shows it: the consumer is
 * missing, or was created at another time than the one opened.
 */
public final class DurableConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(DurableConsumer.class);
    /** Between attempts to open the consumer, the first after it was lost included. */
    static final Duration REOPEN_WAIT = Duration.ofSeconds(2);

    private final Connection connection;
    private final StreamSettings names;
    /** When the consumer last opened was created: another time means another consumer. */
    private Instant openedCreated;
    /** Set when the consumer is lost, cleared when it is open again. Only ingest's thread uses these. */
    private boolean wasLost;

    public DurableConsumer(Connection connection, StreamSettings names) {
        this.connection = connection;
        this.names = names;
    }

    /**
     * Creates the stream and the consumer when missing and returns it to pull from, retrying every
     * {@link #REOPEN_WAIT} while the broker cannot (is unreachable, or refuses).
     *
     * @return the open consumer, or null once {@code stopping} holds
     * @throws InterruptedException when the wait is interrupted
     */
    ConsumerContext open(BooleanSupplier stopping) throws InterruptedException {
        OutageReport outage = new OutageReport();
        if (wasLost) {
            Thread.sleep(REOPEN_WAIT);
        }
        while (!stopping.getAsBoolean()) {
            try {
                ConsumerContext messages = openOnce();
                if (wasLost) {
                    LOG.info("the {} is back; ingest resumed", this);
                    wasLost = false;
                }
                return messages;
            } catch (IOException | JetStreamApiException e) {
                if (outage.due()) {
                    LOG.warn("cannot open the {} ({}); retrying", this, ExceptionLine.of(e));
                }
                Thread.sleep(REOPEN_WAIT);
            }
        }
        return null;
    }

    /** Says once that the consumer is lost; the next {@link #open} creates it again. */
    void lost(String why) {
        LOG.warn("the {} is gone ({}); not ready until it is created again", this, why);
        wasLost = true;
    }

    private ConsumerContext openOnce() throws IOException, JetStreamApiException {
        StreamSetup.ensure(connection, names);
        ConsumerContext context = connection.getStreamContext(names.stream()).getConsumerContext(names.consumer());
        openedCreated = context.getCachedConsumerInfo().getCreationTime().toInstant();
        return context;
    }

    /**
     * Why the consumer last opened is no longer there, or empty while it is. Empty too when the
     * broker cannot be asked: that is an outage of the connection, which reports itself.
     */
    Optional<String> gone() {
        try {
            ConsumerInfo info = connection.jetStreamManagement().getConsumerInfo(names.stream(), names.consumer());
            return info.getCreationTime().toInstant().equals(openedCreated) ? Optional.empty()
                    : Optional.of("replaced by another consumer of the same name");
        } catch (JetStreamApiException e) {
            boolean missing = e.getApiErrorCode() == StreamSetup.CONSUMER_NOT_FOUND
                    || e.getApiErrorCode() == StreamSetup.STREAM_NOT_FOUND;
            return missing ? Optional.of(ExceptionLine.of(e)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "durable consumer " + names.consumer() + " on stream " + names.stream();
    }
}
