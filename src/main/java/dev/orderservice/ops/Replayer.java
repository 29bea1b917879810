package dev.orderservice.ops;

import dev.orderservice.store.BatchOutcome;
import dev.orderservice.store.OrderWriter;
import dev.orderservice.store.PendingMessage;
import dev.orderservice.store.PostgresFailure;
import dev.orderservice.store.RejectedReplay;
import dev.orderservice.validation.MessageDecoder;
import dev.orderservice.validation.Verdict;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-validates rejected messages with today's rules and stores those that pass through the normal
 * {@link OrderWriter}, so a replay is exactly as idempotent as ingest: an order already stored
 * with the same content is a duplicate, with other content a conflict, which stays rejected.
 *
 * <p>Oldest rejection first, so of two rejected versions of one order the first received wins, as
 * in ingest. A row is marked replayed only after its order is committed: a crash in between
 * leaves it unmarked, and the next run finds the order stored and marks it as a duplicate.
 */
final class Replayer {

    static final int PAGE_ROWS = 500;

    private final RejectedReplay rejected;
    private final OrderWriter writer;
    private final MessageDecoder decoder;

    Replayer(RejectedReplay rejected, OrderWriter writer, MessageDecoder decoder) {
        this.rejected = rejected;
        this.writer = writer;
        this.decoder = decoder;
    }

    /**
     * @param reasons only rows rejected for one of these (all when empty)
     * @param limit   examine at most this many rows
     * @throws SQLException when PostgreSQL fails; what was committed before stays, a rerun continues
     */
    ReplayCounts replay(Set<String> reasons, long limit, boolean dryRun) throws SQLException {
        ReplayCounts counts = new ReplayCounts();
        Map<String, byte[]> dryRunStored = new HashMap<>();
        long after = 0;
        while (counts.examined < limit) {
            List<RejectedReplay.Row> page = rejected.page(after, reasons,
                    (int) Math.min(PAGE_ROWS, limit - counts.examined));
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).id();
            Map<String, Long> idsByKey = new HashMap<>();
            List<PendingMessage> valid = new ArrayList<>();
            for (RejectedReplay.Row row : page) {
                counts.examined++;
                if (row.payload() == null) {
                    counts.notReplayable++;
                } else if (decoder.decode(row.payload()) instanceof Verdict.Accepted accepted) {
                    valid.add(new PendingMessage(row.messageKey(), row.payload(), accepted));
                    idsByKey.put(row.messageKey(), row.id());
                } else {
                    counts.stillInvalid++;
                }
            }
            counts.nowValid += valid.size();
            if (dryRun) {
                classify(valid, dryRunStored, counts);
            } else {
                store(valid, idsByKey, counts);
            }
        }
        return counts;
    }

    private void store(List<PendingMessage> valid, Map<String, Long> idsByKey, ReplayCounts counts)
            throws SQLException {
        if (valid.isEmpty()) {
            return;
        }
        BatchOutcome outcome;
        try {
            outcome = writer.write(valid);
        } catch (SQLException e) {
            // a failure every message would meet alike stops the run rather than blaming the messages
            if (!PostgresFailure.of(e).kind().mayBeTheData()) {
                throw e;
            }
            if (valid.size() == 1) {
                counts.storeErrors++;
                return;
            }
            // one message's data broke the batch (as in ingest): try each alone
            for (PendingMessage message : valid) {
                store(List.of(message), idsByKey, counts);
            }
            return;
        }
        counts.stored += outcome.stored().size();
        counts.duplicates += outcome.duplicates();
        counts.conflicts += outcome.rejectedCount();
        List<Long> replayed = new ArrayList<>();
        for (PendingMessage message : valid) {
            if (!outcome.rejectedKeys().contains(message.messageKey())) {
                replayed.add(idsByKey.get(message.messageKey()));
            }
        }
        rejected.markReplayed(replayed);
    }

    /** A dry run reads which orders exist and writes nothing. */
    private void classify(List<PendingMessage> valid, Map<String, byte[]> earlier, ReplayCounts counts)
            throws SQLException {
        Map<String, byte[]> stored = rejected.storedHashes(valid.stream()
                .map(m -> ((Verdict.Accepted) m.verdict()).orderUid()).toList());
        for (PendingMessage message : valid) {
            Verdict.Accepted accepted = (Verdict.Accepted) message.verdict();
            byte[] existing = stored.getOrDefault(accepted.orderUid(), earlier.get(accepted.orderUid()));
            if (existing == null) {
                counts.stored++;
                earlier.put(accepted.orderUid(), accepted.contentHash());
            } else if (Arrays.equals(existing, accepted.contentHash())) {
                counts.duplicates++;
            } else {
                counts.conflicts++;
            }
        }
    }
}
