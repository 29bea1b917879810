package dev.orderservice.ingest;

import io.nats.client.Message;
import io.nats.client.impl.NatsJetStreamMetaData;
import java.time.Instant;

/**
 * The lasting name of a message of the stream: stream, sequence and publish time. It survives
 * redeliveries, so a rejection is keyed by it, and erase finds a rejected message's sequence in it.
 */
public final class MessageKeys {

    private MessageKeys() {
    }

    public static String of(Message message) {
        NatsJetStreamMetaData meta = message.metaData();
        Instant published = meta.timestamp().toInstant();
        return meta.getStream() + "/" + meta.streamSequence() + "/" + published.getEpochSecond() + "."
                + published.getNano();
    }

    /** The stream sequence named by a key of this stream, or -1 when the key names another stream. */
    public static long sequence(String key, String stream) {
        String[] parts = key.split("/");
        if (parts.length != 3 || !parts[0].equals(stream)) {
            return -1;
        }
        try {
            return Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
