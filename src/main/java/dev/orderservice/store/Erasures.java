package dev.orderservice.store;

import dev.orderservice.validation.Verdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Erasing orders from PostgreSQL, and keeping them erased.
 *
 * <p>An erasure first records a tombstone per id ({@link #tombstone}, committed on its own), then
 * deletes every row of those orders and their rejected messages ({@link #delete}) in a transaction
 * that begins by taking {@code orders} in share mode. That lock waits for every writer transaction
 * in flight (each holds row-exclusive from its start, {@link #refuseErased}), and every writer that
 * starts later sees the tombstones: no order can be written after its delete. The same
 * transaction takes what it deleted off the store counts ({@link StoreCounts}). Each step is
 * idempotent, so a rerun after a crash finishes what the first run began.
 *
 * <p>Runs on {@link Database#deleteDataSource()}: the app login may not delete.
 */
public final class Erasures {

    private static final String[] TABLES = {"items", "orders"};

    private final DataSource dataSource;

    public Erasures(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What was removed for one order id. */
    public record Removed(int orderRows, int rejectedRows) {
        Removed plus(int orders, int rejected) {
            return new Removed(orderRows + orders, rejectedRows + rejected);
        }
    }

    /**
     * Records the ids as erased, so ingest refuses them from now on.
     *
     * @return the ids that were not erased before
     * @throws SQLException when PostgreSQL refuses
     */
    public Set<String> tombstone(Collection<String> orderUids) throws SQLException {
        Set<String> fresh = new LinkedHashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("insert into erased_orders (order_uid) "
                        + "select unnest(?::text[]) on conflict do nothing returning order_uid")) {
            statement.setObject(1, orderUids.toArray(String[]::new));
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    fresh.add(r.getString(1));
                }
            }
        }
        return fresh;
    }

    /**
     * The message keys of the rejected messages of these orders, by key.
     *
     * @throws SQLException when PostgreSQL refuses
     */
    public Map<String, String> rejectedKeys(Collection<String> orderUids) throws SQLException {
        Map<String, String> keys = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select message_key, order_uid from rejected_messages where order_uid = any(?)")) {
            statement.setObject(1, orderUids.toArray(String[]::new));
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    keys.put(r.getString(1), r.getString(2));
                }
            }
        }
        return keys;
    }

    /**
     * Deletes the orders' rows in every table, and their rejected messages: those naming the id and
     * those of {@code messageKeys} (key to order id; messages whose id could not be read).
     *
     * @return what was removed, by order id (absent: nothing was left)
     * @throws SQLException when PostgreSQL refuses; nothing is then deleted
     */
    public Map<String, Removed> delete(Collection<String> orderUids, Map<String, String> messageKeys)
            throws SQLException {
        Map<String, Removed> removed = new HashMap<>();
        String[] uids = orderUids.toArray(String[]::new);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement lock = connection.createStatement()) {
                    lock.execute("lock table orders in share mode");
                }
                int[] ordersDeleted = {0};
                for (String table : TABLES) {
                    boolean orders = table.equals("orders");
                    deleteRows(connection, "delete from " + table + " where order_uid = any(?) returning order_uid",
                            statement -> statement.setObject(1, uids), (uid, key, listed) -> {
                                removed.merge(uid, new Removed(1, 0), (a, b) -> a.plus(1, 0));
                                ordersDeleted[0] += orders ? 1 : 0;
                            });
                }
                int[] listedRejections = {0};
                deleteRows(connection, "delete from rejected_messages where order_uid = any(?) or message_key = any(?)"
                        + " returning order_uid, message_key, replayed_at is null", statement -> {
                            statement.setObject(1, uids);
                            statement.setObject(2, messageKeys.keySet().toArray(String[]::new));
                        }, (uid, key, listed) -> {
                            removed.merge(uid != null ? uid : messageKeys.get(key), new Removed(0, 1),
                                    (a, b) -> a.plus(0, 1));
                            listedRejections[0] += listed ? 1 : 0;
                        });
                StoreCounts.add(connection, -ordersDeleted[0], -listedRejections[0]);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                OrderWriter.rollbackQuietly(connection, e);
                throw e;
            }
        }
        return removed;
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface RowSink {
        /** @param listed the row was a rejection the listings and counts show (not replayed) */
        void removed(String orderUid, String messageKey, boolean listed);
    }

    private static void deleteRows(Connection connection, String sql, Binder binder, RowSink sink)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet r = statement.executeQuery()) {
                boolean withKey = r.getMetaData().getColumnCount() > 1;
                while (r.next()) {
                    sink.removed(r.getString(1), withKey ? r.getString(2) : null, withKey && r.getBoolean(3));
                }
            }
        }
    }

    /**
     * Inside a writer's transaction, before it writes anything: takes {@code orders} in row-exclusive
     * mode (see the class comment), then names every message of the batch whose order id is erased:
     * the writer writes nothing for those, not even a rejection.
     *
     * @return the message keys of the batch's messages about erased orders
     */
    static Set<String> refuseErased(Connection connection, List<PendingMessage> batch) throws SQLException {
        try (Statement lock = connection.createStatement()) {
            lock.execute("lock table orders in row exclusive mode");
        }
        Set<String> named = new HashSet<>();
        for (PendingMessage message : batch) {
            String uid = orderUid(message);
            if (uid != null) {
                named.add(uid);
            }
        }
        if (named.isEmpty()) {
            return Set.of();
        }
        Set<String> erased = erasedAmong(connection, named);
        if (erased.isEmpty()) {
            return Set.of();
        }
        Set<String> keys = new HashSet<>();
        for (PendingMessage message : batch) {
            if (erased.contains(orderUid(message))) {
                keys.add(message.messageKey());
            }
        }
        return keys;
    }

    private static String orderUid(PendingMessage message) {
        return switch (message.verdict()) {
            case Verdict.Accepted accepted -> accepted.orderUid();
            case Verdict.Rejected rejected -> rejected.orderUid();
        };
    }

    private static Set<String> erasedAmong(Connection connection, Set<String> orderUids) throws SQLException {
        Set<String> erased = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select order_uid from erased_orders where order_uid = any(?)")) {
            statement.setObject(1, orderUids.toArray(String[]::new));
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    erased.add(r.getString(1));
                }
            }
        }
        return erased;
    }
}
