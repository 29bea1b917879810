package dev.orderservice.store;

import dev.orderservice.validation.Verdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * New orders by {@code insert ... select from unnest(arrays) on conflict do nothing}: one statement
 * per table whatever the batch size. Safe against any concurrent writer, since the conflict clause
 * lets the unique index decide which transaction stores an order (the other waits for it, then
 * skips the row), so {@link OrderWriter} falls back to this when {@link CopyRows} loses such a race.
 */
final class UnnestRows implements NewOrders {

    private static final String INSERT_ORDERS = OrderTables.ORDERS.insert()
            + "\non conflict (order_uid) do nothing returning order_uid";

    @Override
    public List<Verdict.Accepted> store(Connection connection, List<Verdict.Accepted> candidates,
            Map<String, byte[]> kept) throws SQLException {
        Set<String> inserted = insertOrders(connection, candidates);
        List<Verdict.Accepted> stored = new ArrayList<>(inserted.size());
        List<String> existing = new ArrayList<>();
        for (Verdict.Accepted accepted : candidates) {
            if (inserted.contains(accepted.orderUid())) {
                stored.add(accepted);
            } else {
                existing.add(accepted.orderUid());
            }
        }
        if (!stored.isEmpty()) {
            insert(connection, OrderTables.ITEMS, OrderTables.itemRows(stored));
        }
        kept.putAll(NewOrders.storedHashes(connection, existing));
        return stored;
    }

    private static Set<String> insertOrders(Connection connection, List<Verdict.Accepted> orders)
            throws SQLException {
        if (orders.isEmpty()) {
            return Set.of();
        }
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

    private static <R> void insert(Connection connection, Columns<R> table, List<R> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(table.insert())) {
            table.bind(connection, statement, rows);
            statement.executeUpdate();
        }
    }
}
