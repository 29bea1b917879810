package dev.orderservice.publish;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.PublishOptions;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Sends a {@link PublishPlan} to a JetStream stream and waits until every message is acknowledged,
 * so what the report counts is durably in the stream.
 *
 * <p>Publishing is asynchronous with a bounded window of unacknowledged messages: throughput comes
 * from keeping the pipe full, the bound keeps memory flat and makes a stalled broker fail the run
 * instead of growing the heap. A failed or missing acknowledgement ends the run.
 *
 * <p>Messages carry no {@code Nats-Msg-Id} unless the plan asks for {@link PublishPlan#dedupIds()},
 * in which case a valid order's id is its order_uid.
 */
public final class Publisher {

    public static final int DEFAULT_MAX_UNACKED = 2000;
    public static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    /** Room for headers and protocol framing next to a payload in one NATS message. */
    private static final int HEADER_ROOM_BYTES = 1024;

    private final String stream;
    private final String subject;
    private final int maxUnacked;
    private final Garbage garbage;

    public Publisher(String stream, String subject) {
        this(stream, subject, DEFAULT_MAX_UNACKED, new Garbage());
    }

    public Publisher(String stream, String subject, int maxUnacked, Garbage garbage) {
        if (maxUnacked < 1) {
            throw new IllegalArgumentException("the window must hold at least one message, not " + maxUnacked);
        }
        this.stream = stream;
        this.subject = subject;
        this.maxUnacked = maxUnacked;
        this.garbage = garbage;
    }

    /** As {@link #publish(Connection, PublishPlan, LongConsumer)} without progress reports. */
    public PublishReport publish(Connection connection, PublishPlan plan) throws PublishException, InterruptedException {
        return publish(connection, plan, sent -> { });
    }

    /**
     * Sends every message of the plan and waits for all acknowledgements.
     *
     * @param onSent called on this thread after each send with the number sent so far
     * @throws PublishException     when the stream is missing or does not take the subject, or a
     *                              message is refused or not acknowledged in {@link #ACK_TIMEOUT}
     * @throws InterruptedException when the thread is interrupted; some messages may have been sent
     */
    public PublishReport publish(Connection connection, PublishPlan plan, LongConsumer onSent)
            throws PublishException, InterruptedException {
        StreamConfiguration config = new StreamCheck(connection, stream, subject).require();
        Set<GarbageKind> kinds = kindsThatFit(connection.getMaxPayload(), config.getMaximumMessageSize());
        MessageSequence messages = new MessageSequence(plan, garbage, kinds);
        JetStream jetStream = jetStream(connection);
        AckWindow acks = new AckWindow(maxUnacked, ACK_TIMEOUT, connection, stream);
        Tally tally = new Tally();
        long nanosPerMessage = plan.ratePerSecond() > 0 ? Math.round(1e9 / plan.ratePerSecond()) : 0;
        long start = System.nanoTime();
        while (messages.hasNext()) {
            OutgoingMessage message = messages.next();
            if (nanosPerMessage > 0) {
                pace(start + message.index() * nanosPerMessage);
            }
            acks.add(jetStream.publishAsync(subject, null, message.payload(), options(plan, message)));
            tally.count(message);
            onSent.accept(message.index() + 1);
        }
        acks.awaitAll();
        return tally.report(plan.seed(), acks.duplicates(), Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * With {@link PublishPlan#dedupIds()} a valid order's id is its order_uid, so the broker drops
     * re-sends; otherwise no id at all, which spares the broker tracking a million ids it would
     * never match (the publisher never re-sends on its own).
     */
    private static PublishOptions options(PublishPlan plan, OutgoingMessage message) {
        if (plan.dedupIds() && message.orderUid() != null) {
            return PublishOptions.builder().messageId(message.orderUid()).build();
        }
        return null;
    }

    /** Oversized garbage is only sent where the server and stream accept a message that big. */
    private Set<GarbageKind> kindsThatFit(long serverMaxPayload, int streamMaxMessage) {
        long needed = garbage.oversizeBytes() + (long) HEADER_ROOM_BYTES;
        boolean fits = (serverMaxPayload <= 0 || serverMaxPayload >= needed)
                && (streamMaxMessage <= 0 || streamMaxMessage >= needed);
        Set<GarbageKind> kinds = EnumSet.allOf(GarbageKind.class);
        if (!fits) {
            kinds.remove(GarbageKind.OVERSIZED);
        }
        return kinds;
    }

    /** Parks until the message's planned send time, keeping the average rate even after a slow patch. */
    private static void pace(long dueNanos) throws InterruptedException {
        for (long wait = dueNanos - System.nanoTime(); wait > 0; wait = dueNanos - System.nanoTime()) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while pacing the publish rate");
            }
        }
    }

    private static JetStream jetStream(Connection connection) throws PublishException {
        try {
            return connection.jetStream();
        } catch (IOException e) {
            throw new PublishException("JetStream is not available: " + e.getMessage(), 0, e);
        }
    }
}
