package dev.orderservice.store;

import dev.orderservice.validation.RejectReason;
import dev.orderservice.validation.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one committed batch did.
 *
 * @param stored     orders inserted by this batch (new to the database)
 * @param duplicates messages whose order was already stored with the same content
 * @param rejected     rejections by reason, including conflicts found against stored orders
 * @param rejectedKeys the message keys of every rejected message, to terminate rather than ack
 */
public record BatchOutcome(List<Verdict.Accepted> stored, int duplicates, Map<RejectReason, Integer> rejected,
        Set<String> rejectedKeys) {

    public BatchOutcome {
        stored = List.copyOf(stored);
        rejected = Map.copyOf(rejected);
        rejectedKeys = Set.copyOf(rejectedKeys);
    }

    public int rejectedCount() {
        return rejected.values().stream().mapToInt(Integer::intValue).sum();
    }
}
