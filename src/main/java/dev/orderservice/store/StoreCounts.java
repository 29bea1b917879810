package dev.orderservice.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Store-wide counts at O(1): every transaction that stores or deletes orders, stores or deletes
 * rejections, or marks one replayed adds what it changed to a row of {@code store_counts} (V21)
 * inside that transaction, so the sum is exact at every commit and the same on every instance.
 *
 * <p>The row is the backend's ({@code pg_backend_pid() % 64}): concurrent writers rarely share
 * one, so none queues behind another's row lock, and each adds its delta as its transaction's last
 * statement, so a lock it holds there is held only until its commit (no lock cycle can form).
 */
public final class StoreCounts {

    /** The slot of the current backend. */
    static final String SLOT = "pg_backend_pid() % 64";
    /** Appended to an insert of deltas into {@code store_counts}: adds them to the row already there. */
    static final String ON_CONFLICT_ADD = "on conflict (slot) do update set orders = store_counts.orders"
            + " + excluded.orders, rejected = store_counts.rejected + excluded.rejected";
    /** {@code (orders, rejected)} deltas as parameters 1 and 2. */
    private static final String ADD = "insert into store_counts (slot, orders, rejected) values (" + SLOT
            + ", ?, ?) " + ON_CONFLICT_ADD;

    private final DataSource dataSource;

    public StoreCounts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Orders stored, and rejected messages not replayed: a sum of at most 64 rows.
     *
     * @throws SQLException when the database cannot be read
     */
    public Listings.Counts read() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select coalesce(sum(orders), 0), coalesce(sum(rejected), 0) from store_counts");
                ResultSet r = statement.executeQuery()) {
            r.next();
            return new Listings.Counts(r.getLong(1), r.getLong(2));
        }
    }

    /** Adds these changes in the caller's transaction; nothing when both are zero. */
    static void add(Connection connection, long orders, long rejected) throws SQLException {
        if (orders == 0 && rejected == 0) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(ADD)) {
            statement.setLong(1, orders);
            statement.setLong(2, rejected);
            statement.executeUpdate();
        }
    }
}
