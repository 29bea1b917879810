package dev.orderservice.testing;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Publishes raw bytes to the order subject through JetStream and waits for the broker's acks, so
 * that when a call returns every message is in the stream.
 *
 * <p>Each message has its own {@code Nats-Msg-Id}; one the broker did not acknowledge (say, while
 * a cluster elects a new stream leader) is sent again with the same id, so the broker's duplicate
 * window keeps it from being stored twice, as a careful real publisher would do.
 */
public final class AckedPublisher implements AutoCloseable {

    private static final int WINDOW = 1000;
    private static final Duration RETRY_FOR = Duration.ofSeconds(60);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);
    private final Connection connection;
    private final JetStream jetStream;
    private final String subject;
    private final String runId = UUID.randomUUID().toString();
    private final Deque<Pending> inFlight = new ArrayDeque<>();
    private long sent;

    private record Pending(CompletableFuture<PublishAck> ack, String id, byte[] payload) {
    }

    public AckedPublisher(String natsUrl, String subject) throws IOException, InterruptedException {
        this.connection = Nats.connect(natsUrl);
        this.jetStream = connection.jetStream();
        this.subject = subject;
    }

    public void send(byte[] payload) {
        String id = runId + "-" + sent++;
        inFlight.add(new Pending(jetStream.publishAsync(subject, null, payload, options(id)), id, payload));
        while (inFlight.size() > WINDOW) {
            settle(inFlight.poll());
        }
    }

    /** Waits until the broker has acknowledged everything sent so far. */
    public void flush() {
        while (!inFlight.isEmpty()) {
            settle(inFlight.poll());
        }
    }

    @Override
    public void close() throws InterruptedException {
        flush();
        connection.close();
    }

    private void settle(Pending pending) {
        try {
            pending.ack().join();
        } catch (CompletionException refused) {
            try {
                resend(pending, refused);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while resending " + pending.id(), e);
            }
        }
    }

    private void resend(Pending pending, Exception firstFailure) throws InterruptedException {
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        Exception last = firstFailure;
        while (System.nanoTime() < deadline) {
            Thread.sleep(RETRY_PAUSE);
            try {
                jetStream.publish(subject, null, pending.payload(), options(pending.id()));
                return;
            } catch (Exception e) {
                last = e;
            }
        }
        throw new IllegalStateException("message " + pending.id() + " was not acknowledged within " + RETRY_FOR
                + ": " + last.getMessage(), last);
    }

    private static PublishOptions options(String id) {
        return PublishOptions.builder().messageId(id).build();
    }
}
