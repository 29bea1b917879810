package dev.orderservice.testing;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes raw bytes to the order subject through JetStream and waits for the broker's acks, so
 * that when a call returns every message is in the stream.
 */
public final class TestPublisher implements AutoCloseable {

    private static final int WINDOW = 1000;
    private final Connection connection;
    private final JetStream jetStream;
    private final String subject;
    private final Deque<CompletableFuture<PublishAck>> inFlight = new ArrayDeque<>();

    public TestPublisher(String natsUrl, String subject) throws IOException, InterruptedException {
        this.connection = Nats.connect(natsUrl);
        this.jetStream = connection.jetStream();
        this.subject = subject;
    }

    public void send(byte[] payload) {
        inFlight.add(jetStream.publishAsync(subject, payload));
        while (inFlight.size() > WINDOW) {
            inFlight.poll().join();
        }
    }

    /** Waits until the broker has acknowledged everything sent so far. */
    public void flush() {
        while (!inFlight.isEmpty()) {
            inFlight.poll().join();
        }
    }

    @Override
    public void close() throws InterruptedException {
        flush();
        connection.close();
    }
}
