package dev.orderservice.store;

import dev.orderservice.validation.RejectReason;
import dev.orderservice.validation.Verdict;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Writes a batch of consumed messages in one transaction: new orders into the normalised tables,
 * rejections (invalid messages and conflicting orders) into {@code rejected_messages}.
 *
 * <p>Idempotent by construction: an order whose id is already stored is compared by content
 * hash: the same content is a duplicate (a redelivery or a republish), different content is a
 * conflict and is rejected, the first order stays. Which orders are new is decided by
 * {@link NewOrders}: by default {@link CopyRows} (the batch's ids looked up once, the new orders
 * copied in PostgreSQL's binary format), falling back to {@link UnnestRows} ({@code on conflict do
 * nothing}) for a batch whose copy lost a race with another writer storing the same id.
 * Rejections are keyed by message, so a redelivered batch writes nothing twice. Given serve's
 * {@link StoredIds}, the copy does not look up the ids it knows were never stored.
 *
 * <p>Erased orders stay erased: a message whose order id is in {@code erased_orders} writes
 * nothing, not even a rejection ({@link BatchOutcome.Fate#ERASED}). Each transaction first takes
 * {@code orders} in row-exclusive mode, which never waits for another writer but does wait for an
 * erasure's share lock: an erasure that commits its tombstones and then takes that lock knows
 * every writer still running has seen them or has committed, so its delete misses no row.
 */
public final class OrderWriter {

    static final int RACE_ATTEMPTS = 3;

    /** How new rows reach PostgreSQL; {@link #UNNEST} is kept as the fallback and for comparison. */
    public enum Rows {
        COPY, UNNEST
    }

    private final DataSource dataSource;
    private final Rows rows;
    private final StoredIds storedIds;
    private final RejectedRows rejectedRows = new RejectedRows();

    /** A writer that looks up every id of a batch: for commands, which keep no id filter. */
    public OrderWriter(DataSource dataSource) {
        this(dataSource, Rows.COPY, new StoredIds());
    }

    public OrderWriter(DataSource dataSource, Rows rows) {
        this(dataSource, rows, new StoredIds());
    }

    /** A writer that does not look up the ids {@code storedIds} knows were never stored (serve's). */
    public OrderWriter(DataSource dataSource, Rows rows, StoredIds storedIds) {
        this.dataSource = dataSource;
        this.rows = rows;
        this.storedIds = storedIds;
    }

    /**
     * Writes the batch and commits. Batches may be written from several threads at once: two that
     * hold copies of the same orders in opposite order can deadlock, and PostgreSQL then aborts
     * one; that one is simply written again, up to {@link #RACE_ATTEMPTS} times in all. A copy
     * that meets an order stored meanwhile by another writer is written again the safe way.
     *
     * @throws SQLException when the transaction fails; nothing of the batch is then stored
     */
    public BatchOutcome write(List<PendingMessage> batch) throws SQLException {
        if (rows == Rows.UNNEST) {
            return writeRacing(batch, new UnnestRows());
        }
        try {
            return writeRacing(batch, new CopyRows(storedIds));
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            return writeRacing(batch, new UnnestRows());
        }
    }

    private BatchOutcome writeRacing(List<PendingMessage> batch, NewOrders newOrders) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return writeOnce(batch, newOrders);
            } catch (SQLException e) {
                if (attempt >= RACE_ATTEMPTS || !lostARace(e)) {
                    throw e;
                }
            }
        }
    }

    /** A deadlock or serialization failure: the transaction lost a race and can simply run again. */
    private static boolean lostARace(SQLException e) {
        return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
    }

    private BatchOutcome writeOnce(List<PendingMessage> batch, NewOrders newOrders) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                requireDurableCommit(connection);
                Set<String> erasedKeys = Erasures.refuseErased(connection, batch);
                List<PendingMessage> written = erasedKeys.isEmpty() ? batch
                        : batch.stream().filter(m -> !erasedKeys.contains(m.messageKey())).toList();
                Sorted sorted = Sorted.of(written);
                Map<String, byte[]> kept = new HashMap<>();
                List<Verdict.Accepted> stored = newOrders.store(connection,
                        List.copyOf(sorted.candidates().values()), kept);
                List<PendingMessage> rejections = sorted.judge(written, stored, kept);
                int rejected = rejectedRows.insert(connection, rejections);
                // last, so the counts row's lock is held only until the commit
                StoreCounts.add(connection, stored.size(), rejected);
                connection.commit();
                return BatchOutcome.of(batch, stored, rejections, erasedKeys);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    /**
     * A batch sorted before it is written: the first message of each order id (the candidates),
     * later messages with a candidate's id (judged once it is known which version is kept), and
     * the messages validation rejected.
     */
    private record Sorted(Map<String, Verdict.Accepted> candidates, List<PendingMessage> later,
            List<PendingMessage> invalid) {

        static Sorted of(List<PendingMessage> batch) {
            Sorted sorted = new Sorted(new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
            for (PendingMessage message : batch) {
                switch (message.verdict()) {
                    case Verdict.Rejected ignored -> sorted.invalid().add(message);
                    case Verdict.Accepted accepted -> {
                        if (sorted.candidates().putIfAbsent(accepted.orderUid(), accepted) != null) {
                            sorted.later().add(message);
                        }
                    }
                }
            }
            return sorted;
        }

        /**
         * Every rejection of the batch: the invalid messages, then each candidate that was stored
         * before ({@code kept} holds its stored hash) and each later message whose content differs
         * from the version kept.
         */
        List<PendingMessage> judge(List<PendingMessage> batch, List<Verdict.Accepted> stored,
                Map<String, byte[]> kept) {
            List<PendingMessage> rejections = new ArrayList<>(invalid);
            for (PendingMessage message : batch) {
                if (message.verdict() instanceof Verdict.Accepted accepted
                        && candidates.get(accepted.orderUid()) == accepted && kept.containsKey(accepted.orderUid())) {
                    OrderWriter.judge(message, kept, rejections);
                }
            }
            stored.forEach(accepted -> kept.put(accepted.orderUid(), accepted.contentHash()));
            for (PendingMessage copy : later) {
                OrderWriter.judge(copy, kept, rejections);
            }
            return rejections;
        }
    }

    /**
     * The caller acks the batch's messages once {@code commit()} returns, so the commit must be
     * durable by then whatever the server's default: with {@code synchronous_commit = off} (zonky's
     * default, and a common tuning) PostgreSQL reports a commit before its WAL is flushed, a crash
     * then loses it, and the broker, already acked, never redelivers: the batch would be gone.
     */
    private static void requireDurableCommit(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("set local synchronous_commit = on");
        }
    }

    /**
     * A message whose order was not inserted by it, compared with the version that is kept (stored
     * earlier, or by the first message of this batch): the same content is a duplicate, other
     * content a conflict, added to the rejections. Comparing with the first message of the batch
     * instead would call a faithful re-send a conflict whenever a conflicting version happened to
     * come first in the batch.
     */
    private static void judge(PendingMessage message, Map<String, byte[]> kept, List<PendingMessage> rejections) {
        Verdict.Accepted accepted = (Verdict.Accepted) message.verdict();
        if (!Arrays.equals(kept.get(accepted.orderUid()), accepted.contentHash())) {
            rejections.add(conflict(message, accepted));
        }
    }

    private static PendingMessage conflict(PendingMessage message, Verdict.Accepted accepted) {
        var rejected = new Verdict.Rejected(RejectReason.CONFLICT, "order " + accepted.orderUid()
                + " was already received with different content; the first version is kept", accepted.orderUid());
        return new PendingMessage(message.messageKey(), message.payload(), rejected);
    }

    static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
