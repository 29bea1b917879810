package dev.orderservice.ingest;

import io.nats.client.Message;
import java.time.Duration;

/** A message jnats delivered from the stream, as ingest settles it. */
record JetStreamMessage(Message message) implements ConsumedMessage {

    /** Stream, sequence and publish time: they survive redeliveries, so the key names the message for good. */
    @Override
    public String key() {
        return MessageKeys.of(message);
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
