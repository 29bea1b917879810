package dev.orderservice.store;

import dev.orderservice.model.Order;
import dev.orderservice.model.OrderJson;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads orders back for the cache and read-through: as the bytes stored beside the normalised
 * rows, by id or by range of arrival positions ({@code seq}), or whole from the normalised rows
 * themselves. A range costs the same at the millionth order as at the first.
 */
public final class OrderReader {

    private static final String ORDER_COLUMNS = """
            o.order_uid, o.track_number, o.entry, o.locale, o.internal_signature, o.customer_id,
            o.delivery_service, o.shardkey, o.sm_id, o.date_created_text, o.oof_shard,
            d.name, d.phone, d.zip, d.city, d.address, d.region, d.email,
            p.transaction, p.request_id, p.currency, p.provider, p.amount, p.payment_dt, p.bank,
            p.delivery_cost, p.goods_total, p.custom_fee
            from orders o join deliveries d using (order_uid) join payments p using (order_uid)""";

    private final DataSource dataSource;

    public OrderReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The order with this id, if stored.
     *
     * @throws SQLException when the database cannot be read
     */
    public Optional<Order> find(String orderUid) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select " + ORDER_COLUMNS + " where o.order_uid = ?")) {
            statement.setString(1, orderUid);
            List<Order> found = readOrders(connection, statement);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    /**
     * The response bytes of the order with this id, if stored: the canonical JSON kept beside the
     * normalised rows, or, for an order stored before that column existed, rebuilt from them.
     *
     * @throws SQLException when the database cannot be read
     */
    public Optional<byte[]> findJson(String orderUid) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select json from orders where order_uid = ?")) {
            statement.setString(1, orderUid);
            try (ResultSet r = statement.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                byte[] json = r.getBytes(1);
                if (json != null) {
                    return Optional.of(json);
                }
            }
        }
        return find(orderUid).map(OrderJson::write);
    }

    /** An order's response bytes, keyed by its id. */
    public record OrderBytes(String orderUid, byte[] json) {
    }

    /**
     * The response bytes of the orders whose arrival position is in {@code [fromSeq, toSeq)},
     * newest first. A range may hold fewer orders than its width (positions of refused duplicates
     * are never used), so readers that page by range can work on several ranges at once.
     *
     * @throws SQLException when the database cannot be read
     */
    public List<OrderBytes> jsonRange(long fromSeq, long toSeq) throws SQLException {
        List<OrderBytes> orders = new ArrayList<>();
        List<String> withoutJson = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select order_uid, json from orders where seq >= ? and seq < ? order by seq desc")) {
                statement.setLong(1, fromSeq);
                statement.setLong(2, toSeq);
                try (ResultSet r = statement.executeQuery()) {
                    while (r.next()) {
                        byte[] json = r.getBytes(2);
                        if (json != null) {
                            orders.add(new OrderBytes(r.getString(1), json));
                        } else {
                            withoutJson.add(r.getString(1));
                        }
                    }
                }
            }
            if (!withoutJson.isEmpty()) {
                orders.addAll(rebuilt(connection, withoutJson));
            }
        }
        return orders;
    }

    /** Orders stored before the JSON column existed, serialised from their normalised rows. */
    private static List<OrderBytes> rebuilt(Connection connection, List<String> uids) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select " + ORDER_COLUMNS + " where o.order_uid = any(?)")) {
            statement.setObject(1, uids.toArray(String[]::new));
            return readOrders(connection, statement).stream()
                    .map(order -> new OrderBytes(order.orderUid(), OrderJson.write(order)))
                    .toList();
        }
    }

    /**
     * One past the newest order's arrival position (1 when the store is empty).
     *
     * @throws SQLException when the database cannot be read
     */
    public long endSeq() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select coalesce(max(seq), 0) + 1 from orders");
                ResultSet r = statement.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static List<Order> readOrders(Connection connection, PreparedStatement statement)
            throws SQLException {
        List<OrderHead> heads = new ArrayList<>();
        try (ResultSet r = statement.executeQuery()) {
            while (r.next()) {
                heads.add(head(r));
            }
        }
        if (heads.isEmpty()) {
            return List.of();
        }
        Map<String, List<Order.Item>> items = items(connection, heads.stream().map(OrderHead::uid).toArray(String[]::new));
        List<Order> orders = new ArrayList<>(heads.size());
        for (OrderHead head : heads) {
            orders.add(head.with(items.getOrDefault(head.uid, List.of())));
        }
        return orders;
    }

    /** The columns of an order without its items, which come from a second query. */
    private record OrderHead(String uid, String[] text, long smId, Order.Delivery delivery, Order.Payment payment) {
        Order with(List<Order.Item> items) {
            return new Order(uid, text[0], text[1], delivery, payment, items, text[2], text[3], text[4], text[5],
                    text[6], smId, text[7], text[8]);
        }
    }

    private static OrderHead head(ResultSet r) throws SQLException {
        String[] text = {r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
            r.getString(7), r.getString(8), r.getString(10), r.getString(11)};
        var delivery = new Order.Delivery(r.getString(12), r.getString(13), r.getString(14), r.getString(15),
                r.getString(16), r.getString(17), r.getString(18));
        var payment = new Order.Payment(r.getString(19), r.getString(20), r.getString(21), r.getString(22),
                r.getLong(23), r.getLong(24), r.getString(25), r.getLong(26), r.getLong(27), r.getLong(28));
        return new OrderHead(r.getString(1), text, r.getLong(9), delivery, payment);
    }

    private static Map<String, List<Order.Item>> items(Connection connection, String[] uids) throws SQLException {
        Map<String, List<Order.Item>> items = new HashMap<>(uids.length * 2);
        try (PreparedStatement statement = connection.prepareStatement("""
                select order_uid, chrt_id, track_number, price, rid, name, sale, size, total_price, nm_id, brand, status
                from items where order_uid = any(?) order by order_uid, position""")) {
            Array array = connection.createArrayOf("text", uids);
            statement.setArray(1, array);
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    items.computeIfAbsent(r.getString(1), uid -> new ArrayList<>(4)).add(new Order.Item(
                            r.getLong(2), r.getString(3), r.getLong(4), r.getString(5), r.getString(6),
                            r.getLong(7), r.getString(8), r.getLong(9), r.getLong(10), r.getString(11),
                            r.getLong(12)));
                }
            }
        }
        return items;
    }
}
