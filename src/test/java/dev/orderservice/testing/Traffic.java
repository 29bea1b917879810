package dev.orderservice.testing;

import dev.orderservice.publish.Garbage;
import dev.orderservice.publish.MessageSequence;
import dev.orderservice.publish.OutgoingMessage;
import dev.orderservice.publish.PublishPlan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A seeded mix of realistic orders, assorted garbage and byte-for-byte re-sends, made by the
 * publisher's own {@link MessageSequence}, together with what the service must make of it: every
 * valid order stored once, every invalid message rejected once. Fault tests publish it in slices
 * so they can break things between (or during) them.
 */
public final class Traffic {

    private final List<OutgoingMessage> messages;
    private final Map<String, byte[]> validByUid = new LinkedHashMap<>();
    private final long seed;
    private int invalid;
    private int duplicates;

    private Traffic(PublishPlan plan) {
        this.seed = plan.seed();
        List<OutgoingMessage> all = new ArrayList<>((int) plan.count());
        new MessageSequence(plan, new Garbage()).forEachRemaining(message -> {
            all.add(message);
            switch (message.kind()) {
                case VALID -> validByUid.put(message.orderUid(), message.payload());
                case DUPLICATE -> duplicates++;
                case INVALID -> invalid++;
            }
        });
        this.messages = Collections.unmodifiableList(all);
    }

    /**
     * @param count             messages in all
     * @param invalidFraction   share of garbage of every kind
     * @param duplicateFraction share of re-sends of an earlier valid order
     */
    public static Traffic of(int count, double invalidFraction, double duplicateFraction, long seed) {
        return new Traffic(new PublishPlan(count, 0, invalidFraction, duplicateFraction, seed, false));
    }

    /**
     * The seed of a fault run: {@code -Dfaults.seed=N} repeats a run, otherwise each run differs.
     * Figures print it, so a failing run can be repeated.
     */
    public static long runSeed() {
        return Long.getLong("faults.seed", System.nanoTime() & Long.MAX_VALUE);
    }

    /** Publishes every message, waiting for the broker's acks. */
    public void publish(String natsUrl) {
        publish(natsUrl, 0, messages.size());
    }

    /** Publishes messages [from, to) and waits until the broker has acknowledged them all. */
    public void publish(String natsUrl, int from, int to) {
        try (AckedPublisher publisher = new AckedPublisher(natsUrl, "orders")) {
            for (OutgoingMessage message : messages.subList(from, to)) {
                publisher.send(message.payload());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot publish to " + natsUrl + ": " + e.getMessage(), e);
        }
    }

    public int size() {
        return messages.size();
    }

    public long seed() {
        return seed;
    }

    /** The valid orders by id, as the bytes that were published. */
    public Map<String, byte[]> valid() {
        return Collections.unmodifiableMap(validByUid);
    }

    public int invalidCount() {
        return invalid;
    }

    public int duplicateCount() {
        return duplicates;
    }
}
