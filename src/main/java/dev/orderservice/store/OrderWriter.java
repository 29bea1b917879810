package dev.orderservice.store;

import dev.orderservice.model.Order;
import dev.orderservice.store.OrderTables.ItemRow;
import dev.orderservice.validation.RejectReason;
import dev.orderservice.validation.Verdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Writes a batch of consumed messages in one transaction: new orders into the normalised tables,
 * rejections (invalid messages and conflicting orders) into {@code rejected_messages}.
 *
 * <p>Idempotent by construction: orders are inserted with {@code on conflict do nothing}, and an
 * order that was already there is compared by content hash: the same content is a duplicate (a
 * redelivery or a republish), different content is a conflict and is rejected, the first order
 * stays. Rejections are keyed by message, so a redelivered batch writes nothing twice. Each table
 * takes one statement per batch (arrays unnested server-side), whatever the batch size.
 *
 * <p>Erased orders stay erased: a message whose order id is in {@code erased_orders} writes
 * nothing, not even a rejection ({@link BatchOutcome.Fate#ERASED}). Each transaction first takes
 * {@code orders} in row-exclusive mode, which never waits for another writer but does wait for an
 * erasure's share lock: an erasure that commits its tombstones and then takes that lock knows
 * every writer still running has seen them or has committed, so its delete misses no row.
 */
public final class OrderWriter {

    static final int RACE_ATTEMPTS = 3;

    private static final String INSERT_ORDERS = OrderTables.ORDERS.insert()
            + "\non conflict (order_uid) do nothing returning order_uid";

    private final DataSource dataSource;
    private final RejectedRows rejectedRows = new RejectedRows();

    public OrderWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Writes the batch and commits. Batches may be written from several threads at once: two that
     * hold copies of the same orders in opposite order can deadlock, and PostgreSQL then aborts
     * one; that one is simply written again, up to {@link #RACE_ATTEMPTS} times in all.
     *
     * @throws SQLException when the transaction fails; nothing of the batch is then stored
     */
    public BatchOutcome write(List<PendingMessage> batch) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return writeOnce(batch);
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

    private BatchOutcome writeOnce(List<PendingMessage> batch) throws SQLException {
        Map<String, PendingMessage> candidates = new LinkedHashMap<>();
        // later messages with a candidate's id: judged once it is known which version is kept
        Map<String, List<PendingMessage>> later = new HashMap<>();
        List<PendingMessage> rejections = new ArrayList<>();
        for (PendingMessage message : batch) {
            switch (message.verdict()) {
                case Verdict.Rejected ignored -> rejections.add(message);
                case Verdict.Accepted accepted -> {
                    if (candidates.putIfAbsent(accepted.orderUid(), message) != null) {
                        later.computeIfAbsent(accepted.orderUid(), uid -> new ArrayList<>()).add(message);
                    }
                }
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                requireDurableCommit(connection);
                Set<String> erasedKeys = Erasures.refuseErased(connection, candidates, later, rejections);
                Set<String> inserted = insertOrders(connection, candidates.values());
                List<Verdict.Accepted> stored = new ArrayList<>(inserted.size());
                List<PendingMessage> existing = new ArrayList<>();
                for (PendingMessage message : candidates.values()) {
                    Verdict.Accepted accepted = (Verdict.Accepted) message.verdict();
                    if (inserted.contains(accepted.orderUid())) {
                        stored.add(accepted);
                    } else {
                        existing.add(message);
                    }
                }
                insertChildren(connection, stored);
                Map<String, byte[]> kept = storedHashes(connection, existing.stream()
                        .map(m -> ((Verdict.Accepted) m.verdict()).orderUid()).toList());
                stored.forEach(accepted -> kept.put(accepted.orderUid(), accepted.contentHash()));
                for (PendingMessage message : existing) {
                    judge(message, kept, rejections);
                }
                for (List<PendingMessage> copies : later.values()) {
                    for (PendingMessage copy : copies) {
                        judge(copy, kept, rejections);
                    }
                }
                rejectedRows.insert(connection, rejections);
                connection.commit();
                return BatchOutcome.of(batch, stored, rejections, erasedKeys);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
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

    private static Set<String> insertOrders(Connection connection, Collection<PendingMessage> messages)
            throws SQLException {
        if (messages.isEmpty()) {
            return Set.of();
        }
        List<Verdict.Accepted> orders = messages.stream().map(m -> (Verdict.Accepted) m.verdict()).toList();
        Set<String> inserted = new HashSet<>(orders.size() * 2);
        try (PreparedStatement statement = connection.prepareStatement(INSERT_ORDERS)) {
            OrderTables.ORDERS.bind(connection, statement, orders);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    inserted.add(rows.getString(1));
                }
            }
        }
        return inserted;
    }

    private static void insertChildren(Connection connection, List<Verdict.Accepted> stored) throws SQLException {
        if (stored.isEmpty()) {
            return;
        }
        List<ItemRow> items = new ArrayList<>(stored.stream().mapToInt(a -> a.order().items().size()).sum());
        for (Verdict.Accepted accepted : stored) {
            List<Order.Item> orderItems = accepted.order().items();
            for (int position = 0; position < orderItems.size(); position++) {
                items.add(new ItemRow(accepted.orderUid(), position, orderItems.get(position)));
            }
        }
        insert(connection, OrderTables.DELIVERIES, stored);
        insert(connection, OrderTables.PAYMENTS, stored);
        insert(connection, OrderTables.ITEMS, items);
    }

    private static <R> void insert(Connection connection, Columns<R> table, List<R> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(table.insert())) {
            table.bind(connection, statement, rows);
            statement.executeUpdate();
        }
    }

    /** The content hash of each of these orders that is stored, by order id. */
    static Map<String, byte[]> storedHashes(Connection connection, Collection<String> orderUids)
            throws SQLException {
        Map<String, byte[]> hashes = new HashMap<>();
        if (orderUids.isEmpty()) {
            return hashes;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "select order_uid, content_hash from orders where order_uid = any(?)")) {
            statement.setObject(1, orderUids.toArray(String[]::new));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    hashes.put(rows.getString(1), rows.getBytes(2));
                }
            }
        }
        return hashes;
    }

    static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
