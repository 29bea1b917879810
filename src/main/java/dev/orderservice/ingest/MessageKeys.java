package dev.orderservice.ingest;

import io.nats.client.Message;
import io.nats.client.impl.NatsJetStreamMetaData;

/** Names a message in a stream for good: stream, sequence and publish time survive redeliveries. */
final class MessageKeys {

    private MessageKeys() {
    }

    static String of(Message message) {
        NatsJetStreamMetaData meta = message.metaData();
        var published = meta.timestamp().toInstant();
        return meta.getStream() + "/" + meta.streamSequence() + "/" + published.getEpochSecond() + "."
                + published.getNano();
    }
}
