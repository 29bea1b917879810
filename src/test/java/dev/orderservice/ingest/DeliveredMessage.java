package dev.orderservice.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A message as a broker would deliver it, remembering how ingest settled it. */
final class DeliveredMessage implements ConsumedMessage {

    private final String key;
    private final byte[] data;
    private final long deliveredCount;
    private final List<String> settlements = new ArrayList<>();

    DeliveredMessage(String key, byte[] data, long deliveredCount) {
        this.key = key;
        this.data = data;
        this.deliveredCount = deliveredCount;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public byte[] data() {
        return data;
    }

    @Override
    public long deliveredCount() {
        return deliveredCount;
    }

    @Override
    public void ack() {
        settlements.add("ack");
    }

    @Override
    public void term() {
        settlements.add("term");
    }

    @Override
    public void nakWithDelay(Duration delay) {
        settlements.add("nak " + delay.toMillis() + " ms");
    }

    /** Every settlement so far, in order: "ack", "term" or "nak N ms". */
    List<String> settlements() {
        return List.copyOf(settlements);
    }

    @Override
    public String toString() {
        return key;
    }
}
