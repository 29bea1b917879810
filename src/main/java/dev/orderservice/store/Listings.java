package dev.orderservice.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Newest-first, keyset-paged listings of orders and rejected messages, and store-wide counts. */
public final class Listings {

    private final DataSource dataSource;

    public Listings(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What a listing shows of an order; the whole order is one request away. */
    public record OrderSummary(String orderUid, String trackNumber, String customerId, String deliveryService,
            String dateCreated, long amount, String currency, int itemCount, Instant receivedAt) {
    }

    public record RejectedMessage(long id, String reason, String detail, String orderUid, int payloadBytes,
            byte[] payloadHead, Instant receivedAt) {
    }

    /**
     * Orders that arrived before the cursor (all when null), newest first.
     *
     * @throws SQLException when the database cannot be read
     */
    public Page<OrderSummary> orders(Long before, int limit) throws SQLException {
        String sql = """
                select o.seq, o.order_uid, o.track_number, o.customer_id, o.delivery_service, o.date_created_text,
                    p.amount, p.currency, (select count(*) from items i where i.order_uid = o.order_uid),
                    o.received_at
                from orders o join payments p using (order_uid)
                where o.seq < ? order by o.seq desc limit ?""";
        return keysetPage(sql, before, limit, r -> new OrderSummary(r.getString(2), r.getString(3), r.getString(4),
                r.getString(5), r.getString(6), r.getLong(7), r.getString(8), r.getInt(9),
                r.getTimestamp(10).toInstant()));
    }

    /**
     * Rejected messages received before the cursor (all when null), newest first; those that
     * replay-rejected has since stored as orders are left out.
     *
     * @throws SQLException when the database cannot be read
     */
    public Page<RejectedMessage> rejected(Long before, int limit) throws SQLException {
        String sql = """
                select id, reason, detail, order_uid, payload_bytes, payload_head, received_at
                from rejected_messages where id < ? and replayed_at is null order by id desc limit ?""";
        return keysetPage(sql, before, limit, r -> new RejectedMessage(r.getLong(1), r.getString(2), r.getString(3),
                r.getString(4), r.getInt(5), r.getBytes(6), r.getTimestamp(7).toInstant()));
    }

    /** Reads one row of a listing. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * Runs a listing query: its first column is the row's keyset position, its two parameters the
     * cursor ({@code before}, exclusive) and the page size. One row more than asked for tells
     * whether there is a next page, whose cursor is the last row's position.
     */
    private <T> Page<T> keysetPage(String sql, Long before, int limit, RowReader<T> reader) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, before == null ? Long.MAX_VALUE : before);
            statement.setInt(2, limit + 1);
            List<T> items = new ArrayList<>();
            long lastPosition = 0;
            boolean more = false;
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    if (items.size() == limit) {
                        more = true;
                        break;
                    }
                    lastPosition = r.getLong(1);
                    items.add(reader.read(r));
                }
            }
            return new Page<>(items, more ? lastPosition : null);
        }
    }

    /** Exact counts: a scan of both tables, so callers that poll (the status strip) must reuse the result. */
    public record Counts(long orders, long rejected) {
    }

    /**
     * @throws SQLException when the database cannot be read
     */
    public Counts counts() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select (select count(*) from orders), (select count(*) from rejected_messages where replayed_at is null)");
                ResultSet r = statement.executeQuery()) {
            r.next();
            return new Counts(r.getLong(1), r.getLong(2));
        }
    }
}
