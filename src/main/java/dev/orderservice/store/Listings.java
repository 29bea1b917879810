package dev.orderservice.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Newest-first, keyset-paged listings of orders and rejected messages, and store-wide counts. */
public final class Listings {

    private final DataSource dataSource;
    private final StoreCounts counts;

    public Listings(DataSource dataSource) {
        this.dataSource = dataSource;
        this.counts = new StoreCounts(dataSource);
    }

    /** What a listing shows of an order; the whole order is one request away. */
    public record OrderSummary(String orderUid, String trackNumber, String customerId, String deliveryService,
            String dateCreated, long amount, String currency, int itemCount, Instant receivedAt) {
    }

    public record RejectedMessage(long id, String reason, String detail, String orderUid, int payloadBytes,
            byte[] payloadHead, Instant receivedAt) {
    }

    /**
     * What a search of orders asks for; null fields are not filtered on. Filters combine with AND.
     *
     * @param email exact after lower-casing both sides
     * @param phone exact after removing spaces, dashes, dots and parentheses from both sides
     * @param from  on {@code date_created}, inclusive
     * @param to    on {@code date_created}, exclusive
     */
    public record OrderFilter(String trackNumber, String customerId, String phone, String email, Instant from,
            Instant to) {
        public static final OrderFilter NONE = new OrderFilter(null, null, null, null, null, null);
    }

    /** A rejected-message filter: one reason code, and {@code received_at} in [from, to); null is no filter. */
    public record RejectedFilter(String reason, Instant from, Instant to) {
        public static final RejectedFilter NONE = new RejectedFilter(null, null, null);
    }

    /** The characters a phone number is compared without, on both sides (and in the index of V21, V22). */
    public static final String PHONE_PUNCTUATION = " -.()";

    /**
     * Orders that arrived before the cursor (all when null), newest first.
     *
     * @throws SQLException when the database cannot be read
     */
    public Page<OrderSummary> orders(Long before, int limit) throws SQLException {
        return orders(OrderFilter.NONE, before, limit);
    }

    /**
     * Orders matching the filter that arrived before the cursor (all when null), newest first.
     * Each filter has an index (V21) that leads with it; the item count is kept in the row.
     *
     * @throws SQLException when the database cannot be read
     */
    public Page<OrderSummary> orders(OrderFilter filter, Long before, int limit) throws SQLException {
        List<Object> values = new ArrayList<>();
        return keysetPage(orderQuery(filter, values), values, before, limit, r -> new OrderSummary(r.getString(2),
                r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getLong(7), r.getString(8),
                r.getInt(9), r.getTimestamp(10).toInstant()));
    }

    /**
     * The SQL of an order search, its filters' values added to {@code values}; parameters as
     * {@link #keysetPage} binds them (the cursor, the values, the page size).
     */
    static String orderQuery(OrderFilter filter, List<Object> values) {
        StringBuilder sql = new StringBuilder("""
                select o.seq, o.order_uid, o.track_number, o.customer_id, o.delivery_service, o.date_created_text,
                    o.payment_amount, o.payment_currency, o.item_count, o.received_at
                from orders o
                where o.seq < ?""");
        where(sql, values, "o.track_number = ?", filter.trackNumber());
        where(sql, values, "o.customer_id = ?", filter.customerId());
        // the same expressions as the indexes (V21, on the order row since V22), so that they are used
        where(sql, values, "lower(o.delivery_email) = lower(?)", filter.email());
        where(sql, values, "translate(o.delivery_phone, '" + PHONE_PUNCTUATION + "', '') = translate(?, '"
                + PHONE_PUNCTUATION + "', '')", filter.phone());
        where(sql, values, "o.date_created >= ?", timestamp(filter.from()));
        where(sql, values, "o.date_created < ?", timestamp(filter.to()));
        sql.append(" order by o.seq desc limit ?");
        return sql.toString();
    }

    /**
     * Rejected messages received before the cursor (all when null), newest first; those that
     * replay-rejected has since stored as orders are left out.
     *
     * @throws SQLException when the database cannot be read
     */
    public Page<RejectedMessage> rejected(Long before, int limit) throws SQLException {
        return rejected(RejectedFilter.NONE, before, limit);
    }

    /**
     * As {@link #rejected(Long, int)}, of those matching the filter.
     *
     * @throws SQLException when the database cannot be read
     */
    public Page<RejectedMessage> rejected(RejectedFilter filter, Long before, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("""
                select id, reason, detail, order_uid, payload_bytes, payload_head, received_at
                from rejected_messages where id < ? and replayed_at is null""");
        List<Object> values = new ArrayList<>();
        where(sql, values, "reason = ?", filter.reason());
        where(sql, values, "received_at >= ?", timestamp(filter.from()));
        where(sql, values, "received_at < ?", timestamp(filter.to()));
        sql.append(" order by id desc limit ?");
        return keysetPage(sql.toString(), values, before, limit, r -> new RejectedMessage(r.getLong(1),
                r.getString(2), r.getString(3), r.getString(4), r.getInt(5), r.getBytes(6),
                r.getTimestamp(7).toInstant()));
    }

    /** Adds {@code and condition} with its one value, when there is a value. */
    private static void where(StringBuilder sql, List<Object> values, String condition, Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            values.add(value);
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Reads one row of a listing. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * Runs a listing query: its first column is the row's keyset position, its parameters the
     * cursor ({@code before}, exclusive), the filters' values, then the page size. One row more
     * than asked for tells whether there is a next page, whose cursor is the last row's position.
     */
    private <T> Page<T> keysetPage(String sql, List<Object> values, Long before, int limit, RowReader<T> reader)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, before == null ? Long.MAX_VALUE : before);
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 2, values.get(i));
            }
            statement.setInt(values.size() + 2, limit + 1);
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

    /** Orders stored and rejected messages not replayed, from {@link StoreCounts}: exact, at O(1). */
    public record Counts(long orders, long rejected) {
    }

    /**
     * @throws SQLException when the database cannot be read
     */
    public Counts counts() throws SQLException {
        return counts.read();
    }
}
