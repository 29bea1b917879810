package dev.orderservice.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The rejected store as replay-rejected sees it: rejected messages not yet replayed, oldest first,
 * with their whole payload where it was kept; and the mark that takes a row out of the rejected
 * listings (and the rejected count, {@link StoreCounts}) once its message is stored. Rows are
 * marked, never deleted, so the first rejection stays on record and the app role needs no DELETE.
 */
public final class RejectedReplay {

    private final DataSource dataSource;

    public RejectedReplay(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A rejected message.
     *
     * @param payload the whole payload; null when only its head was kept (it cannot be replayed)
     */
    public record Row(long id, String messageKey, String reason, int payloadBytes, byte[] payload) {
    }

    /**
     * Up to {@code limit} rows after {@code afterId} not yet replayed, oldest first, with one of
     * the reasons (all reasons when empty).
     *
     * @throws SQLException when the store cannot be read
     */
    public List<Row> page(long afterId, Collection<String> reasons, int limit) throws SQLException {
        String sql = """
                select id, message_key, reason, payload_bytes, coalesce(payload_full, payload_head)
                from rejected_messages
                where id > ? and replayed_at is null and (cardinality(?::text[]) = 0 or reason = any(?::text[]))
                order by id limit ?""";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            Array reasonArray = connection.createArrayOf("text", reasons.toArray(String[]::new));
            statement.setLong(1, afterId);
            statement.setArray(2, reasonArray);
            statement.setArray(3, reasonArray);
            statement.setInt(4, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    int size = r.getInt(4);
                    byte[] kept = r.getBytes(5);
                    rows.add(new Row(r.getLong(1), r.getString(2), r.getString(3), size,
                            kept != null && kept.length == size ? kept : null));
                }
            }
            return rows;
        }
    }

    /**
     * Marks rows as replayed: their message is now a stored order.
     *
     * @throws SQLException when the store cannot be written
     */
    public void markReplayed(Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        // one statement: the mark and the count it takes from the rejected count commit together
                        "with marked as (update rejected_messages set replayed_at = now() where id = any(?) and "
                                + "replayed_at is null returning id) insert into store_counts (slot, orders, rejected) "
                                + "select " + StoreCounts.SLOT + ", 0, -count(*) from marked having count(*) > 0 "
                                + StoreCounts.ON_CONFLICT_ADD)) {
            statement.setArray(1, connection.createArrayOf("int8", ids.toArray(Long[]::new)));
            statement.executeUpdate();
        }
    }

    /**
     * The content hashes of those orders that are stored, for a dry run to tell new from duplicate.
     *
     * @throws SQLException when the store cannot be read
     */
    public Map<String, byte[]> storedHashes(Collection<String> orderUids) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return NewOrders.storedHashes(connection, orderUids);
        }
    }
}
