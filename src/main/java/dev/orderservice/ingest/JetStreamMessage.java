package dev.orderservice.ingest;

import io.nats.client.Message;
import io.nats.client.impl.NatsJetStreamMetaData;
import java.time.Duration;
import java.time.Instant;

/** A message jnats delivered from the stream, as ingest settles it. */
record JetStreamMessage(Message message) implements ConsumedMessage {

    /** Stream, sequence and publish time: they survive redeliveries, so the key names the message for good. */
    @Override
    public String key() {
        NatsJetStreamMetaData meta = message.metaData();
        Instant published = meta.timestamp().toInstant();
        return meta.getStream() + "/" + meta.streamSequence() + "/" + published.getEpochSecond() + "."
                + published.getNano();
    }

    @Override
    public byte[] data() {
        return message.getData();
    }

    @Override
    public long deliveredCount() {
        return message.metaData().deliveredCount();
    }

    @Override
    public void ack() {
        message.ack();
    }

    @Override
    public void term() {
        message.term();
    }

    @Override
    public void nakWithDelay(Duration delay) {
        message.nakWithDelay(delay);
    }
}
