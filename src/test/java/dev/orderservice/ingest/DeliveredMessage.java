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
    /** When set, every settlement throws as jnats does when its reconnect buffer is full. */
    private boolean brokerUnreachable;

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

    /** From now on the broker cannot be reached: settlements throw, and are recorded as "refused ...". */
    void cutOff() {
        brokerUnreachable = true;
    }

    @Override
    public void ack() {
        settle("ack");
    }

    @Override
    public void term() {
        settle("term");
    }

    @Override
    public void nakWithDelay(Duration delay) {
        settle("nak " + delay.toMillis() + " ms");
    }

    private void settle(String how) {
        if (brokerUnreachable) {
            settlements.add("refused " + how);
            throw new IllegalStateException("Output queue is full 5000");
        }
        settlements.add(how);
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
