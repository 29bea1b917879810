package dev.orderservice.publish;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.PublishAck;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The sent but unacknowledged messages of a run, at most {@code capacity} of them. Acknowledgements
 * are awaited oldest first: JetStream acknowledges in order per connection, so waiting on the head
 * never holds up a message that is already through. Used by one thread.
 */
final class AckWindow {

    private final ArrayDeque<CompletableFuture<PublishAck>> pending;
    private final int capacity;
    private final Duration timeout;
    private final Connection connection;
    private final String stream;
    private long acknowledged;
    private long duplicates;

    AckWindow(int capacity, Duration timeout, Connection connection, String stream) {
        this.pending = new ArrayDeque<>(capacity);
        this.capacity = capacity;
        this.timeout = timeout;
        this.connection = connection;
        this.stream = stream;
    }

    /**
     * Adds a sent message, first waiting for the oldest acknowledgement if the window is full.
     *
     * @throws PublishException when an acknowledgement fails or does not come within the timeout
     */
    void add(CompletableFuture<PublishAck> ack) throws PublishException, InterruptedException {
        pending.addLast(ack);
        while (pending.size() >= capacity) {
            awaitOldest();
        }
    }

    /**
     * @throws PublishException when an acknowledgement fails or does not come within the timeout
     */
    void awaitAll() throws PublishException, InterruptedException {
        while (!pending.isEmpty()) {
            awaitOldest();
        }
    }

    /** Messages JetStream acknowledged as a repeat of a recent Nats-Msg-Id, and so did not store. */
    long duplicates() {
        return duplicates;
    }

    private void awaitOldest() throws PublishException, InterruptedException {
        CompletableFuture<PublishAck> oldest = pending.pollFirst();
        try {
            PublishAck ack = oldest.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            acknowledged++;
            if (ack.isDuplicate()) {
                duplicates++;
            }
        } catch (TimeoutException e) {
            throw failure("no acknowledgement within " + timeout.toSeconds() + " s; is the server overloaded or gone?", e);
        } catch (ExecutionException e) {
            throw failure(describe(e.getCause()), e.getCause());
        } catch (CancellationException e) {
            throw failure("the acknowledgement was cancelled", e);
        }
    }

    private PublishException failure(String why, Throwable cause) {
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            // jnats's words for a lost connection are about futures; say what happened instead
            why = "the connection to NATS was lost (" + connection.getStatus().name().toLowerCase(Locale.ROOT)
                    + "); is the server still running?";
        }
        pending.forEach(ack -> ack.cancel(false));
        pending.clear();
        return new PublishException("publishing to stream " + stream + " failed after " + acknowledged
                + " acknowledged messages: " + why, acknowledged, cause);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof JetStreamApiException api) {
            return api.getErrorDescription() + " (JetStream error " + api.getApiErrorCode() + ")";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
