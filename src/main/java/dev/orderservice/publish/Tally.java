package dev.orderservice.publish;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** Counts what a run has sent, by message kind and garbage kind. Used by one thread. */
final class Tally {

    private final long[] byKind = new long[MessageKind.values().length];
    private final Map<GarbageKind, Long> byGarbageKind = new EnumMap<>(GarbageKind.class);

    void count(OutgoingMessage message) {
        byKind[message.kind().ordinal()]++;
        if (message.garbageKind() != null) {
            byGarbageKind.merge(message.garbageKind(), 1L, Long::sum);
        }
    }

    PublishReport report(long seed, long brokerDuplicates, Duration elapsed) {
        return new PublishReport(seed, byKind[MessageKind.VALID.ordinal()], byKind[MessageKind.INVALID.ordinal()],
                byKind[MessageKind.DUPLICATE.ordinal()], byGarbageKind, brokerDuplicates, elapsed);
    }
}
