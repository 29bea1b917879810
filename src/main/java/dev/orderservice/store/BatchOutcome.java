package dev.orderservice.store;

import dev.orderservice.validation.RejectReason;
import dev.orderservice.validation.Verdict;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one committed batch did, as a whole and message by message.
 *
 * @param stored     orders inserted by this batch (new to the database)
 * @param duplicates messages whose order was already stored with the same content
 * @param rejected   rejections by reason, including conflicts found against stored orders
 * @param fates      what became of each message of the batch, by message key
 */
public record BatchOutcome(List<Verdict.Accepted> stored, int duplicates, Map<RejectReason, Integer> rejected,
        Map<String, Fate> fates) {

    /**
     * What became of one message: a rejected one is terminated at the broker, the others acked.
     * ERASED: its order was erased, so nothing of it was written (terminated too).
     */
    public enum Fate {
        STORED, DUPLICATE, REJECTED, ERASED
    }

    public BatchOutcome {
        stored = List.copyOf(stored);
        rejected = Map.copyOf(rejected);
        fates = Map.copyOf(fates);
    }

    /**
     * The outcome of writing {@code batch}: each message is one of the {@code rejections} (by
     * key), or else the first of the batch to carry an order in {@code stored}, or else a duplicate.
     */
    public static BatchOutcome of(List<PendingMessage> batch, List<Verdict.Accepted> stored,
            List<PendingMessage> rejections) {
        return of(batch, stored, rejections, Set.of());
    }

    /** As {@link #of(List, List, List)}, where the messages of {@code erasedKeys} were refused as erased. */
    public static BatchOutcome of(List<PendingMessage> batch, List<Verdict.Accepted> stored,
            List<PendingMessage> rejections, Set<String> erasedKeys) {
        Set<String> rejectedKeys = rejections.stream().map(PendingMessage::messageKey).collect(Collectors.toSet());
        Set<String> unclaimed = new HashSet<>();
        stored.forEach(accepted -> unclaimed.add(accepted.orderUid()));
        Map<String, Fate> fates = new HashMap<>(batch.size() * 2);
        int duplicates = 0;
        for (PendingMessage message : batch) {
            Fate fate;
            if (erasedKeys.contains(message.messageKey())) {
                fate = Fate.ERASED;
            } else if (rejectedKeys.contains(message.messageKey())) {
                fate = Fate.REJECTED;
            } else if (message.verdict() instanceof Verdict.Accepted a && unclaimed.remove(a.orderUid())) {
                fate = Fate.STORED;
            } else {
                fate = Fate.DUPLICATE;
                duplicates++;
            }
            fates.put(message.messageKey(), fate);
        }
        return new BatchOutcome(stored, duplicates, countByReason(rejections), fates);
    }

    /**
     * What became of this message of the batch.
     *
     * @throws IllegalArgumentException when the message was not in the batch
     */
    public Fate fateOf(PendingMessage message) {
        Fate fate = fates.get(message.messageKey());
        if (fate == null) {
            throw new IllegalArgumentException("message " + message.messageKey() + " was not in this batch");
        }
        return fate;
    }

    /** The message keys of every rejected message. */
    public Set<String> rejectedKeys() {
        return fates.entrySet().stream().filter(e -> e.getValue() == Fate.REJECTED).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    public int rejectedCount() {
        return rejected.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static Map<RejectReason, Integer> countByReason(List<PendingMessage> rejections) {
        Map<RejectReason, Integer> counts = new EnumMap<>(RejectReason.class);
        for (PendingMessage message : rejections) {
            counts.merge(((Verdict.Rejected) message.verdict()).reason(), 1, Integer::sum);
        }
        return counts;
    }
}
