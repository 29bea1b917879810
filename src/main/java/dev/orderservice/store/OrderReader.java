package dev.orderservice.store;

import dev.orderservice.model.Order;
import dev.orderservice.model.OrderJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Reads orders back for the cache and read-through: as the bytes stored beside the normalised
 * rows, by id or by range of arrival positions ({@code seq}), or whole from the normalised rows
 * themselves. A range costs the same at the millionth order as at the first.
 *
 * <p>A lookup by id ({@link #findJson}) first asks {@link StoredIds}: an id never stored costs no
 * query. What does reach PostgreSQL is bounded by {@link ReadThroughs}.
 */
public final class OrderReader {

    /** An order's head: its own fields with its delivery's and payment's, read by name. */
    private static final String ORDER_COLUMNS = OrderTables.ORDERS.fields("o") + "\nfrom orders o";
    private static final String ITEMS = "select " + OrderTables.ITEMS.fields("")
            + " from items where order_uid = any(?) order by order_uid, position";

    private final DataSource dataSource;
    private final StoredIds storedIds;
    private final ReadThroughs readThroughs;

    /** A reader that asks PostgreSQL for every id, unbounded: for commands and tests. */
    public OrderReader(DataSource dataSource) {
        this(dataSource, new StoredIds(), ReadThroughs.unbounded());
    }

    public OrderReader(DataSource dataSource, StoredIds storedIds, ReadThroughs readThroughs) {
        this.dataSource = dataSource;
        this.storedIds = storedIds;
        this.readThroughs = readThroughs;
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
     * Empty without a query when {@link StoredIds} knows the id was never stored.
     *
     * @throws ReadThroughs.Refused when too many lookups reach PostgreSQL at once
     * @throws SQLException         when the database cannot be read
     */
    public Optional<byte[]> findJson(String orderUid) throws SQLException {
        if (!storedIds.mightBeStored(orderUid)) {
            return Optional.empty();
        }
        readThroughs.enter();
        try {
            return readJson(orderUid);
        } finally {
            readThroughs.exit();
        }
    }

    private Optional<byte[]> readJson(String orderUid) throws SQLException {
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

    /**
     * True when {@link StoredIds} knows no order has this id: answered without a query, so HTTP
     * can answer it inline.
     */
    public boolean knownAbsent(String orderUid) {
        return !storedIds.mightBeStored(orderUid);
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
     * Hands the id of every order whose arrival position is in {@code [fromSeq, toSeq)} to {@code sink}.
     *
     * @return how many ids it handed over
     * @throws SQLException when the database cannot be read
     */
    public long ids(long fromSeq, long toSeq, Consumer<String> sink) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select order_uid from orders where seq >= ? and seq < ?")) {
            statement.setLong(1, fromSeq);
            statement.setLong(2, toSeq);
            statement.setFetchSize(10_000);
            long handed = 0;
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    sink.accept(r.getString(1));
                    handed++;
                }
            }
            return handed;
        }
    }

    /**
     * Hands to {@code sink} the ids of the first {@code limit} stored orders, in id order, whose id
     * sorts after {@code afterUid} (all when it is null): one page of a walk over the primary key's
     * index alone (an index-only scan), which reads a small part of what the rows themselves hold.
     *
     * @return the last id handed over, or null when there was none
     * @throws SQLException when the database cannot be read
     */
    public String idsAfter(String afterUid, int limit, Consumer<String> sink) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(afterUid == null
                        ? "select order_uid from orders order by order_uid limit ?"
                        : "select order_uid from orders where order_uid > ? order by order_uid limit ?")) {
            int parameter = 1;
            if (afterUid != null) {
                statement.setString(parameter++, afterUid);
            }
            statement.setInt(parameter, limit);
            String last = null;
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    last = r.getString(1);
                    sink.accept(last);
                }
            }
            return last;
        }
    }

    /**
     * Where PostgreSQL's transactions stand now, from {@code pg_current_snapshot()}: every
     * transaction id below {@code oldestRunning} has ended, and {@code next} is the next one to be
     * given out. Ids are given to transactions that write, whichever database they write to.
     *
     * @throws SQLException when the database cannot be read
     */
    public WriteHorizon writeHorizon() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        select pg_snapshot_xmin(s)::text::bigint, pg_snapshot_xmax(s)::text::bigint
                        from pg_current_snapshot() s""");
                ResultSet r = statement.executeQuery()) {
            r.next();
            return new WriteHorizon(r.getLong(1), r.getLong(2));
        }
    }

    /**
     * A moment of PostgreSQL's transactions ({@link #writeHorizon()}).
     *
     * @param oldestRunning the oldest transaction id still running, or {@code next} when none is
     * @param next the next transaction id to be given out
     */
    public record WriteHorizon(long oldestRunning, long next) {

        /**
         * True when nothing can have been committed between {@code earlier} and this moment that
         * was not already committed at {@code earlier}: no transaction was running then, and none
         * has been given an id since (a transaction writes its first row only once it has one).
         */
        public boolean nothingCommittedSince(WriteHorizon earlier) {
            return earlier != null && earlier.oldestRunning == earlier.next && next == earlier.next;
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

    /**
     * The orders the statement selects ({@link #ORDER_COLUMNS}), with their items from a second
     * query: one round trip for all heads and one for all items, whatever the count.
     */
    private static List<Order> readOrders(Connection connection, PreparedStatement statement)
            throws SQLException {
        List<Order> heads = new ArrayList<>();
        try (ResultSet r = statement.executeQuery()) {
            while (r.next()) {
                heads.add(head(r));
            }
        }
        if (heads.isEmpty()) {
            return List.of();
        }
        Map<String, List<Order.Item>> items = items(connection, heads.stream().map(Order::orderUid).toArray(String[]::new));
        List<Order> orders = new ArrayList<>(heads.size());
        for (Order head : heads) {
            orders.add(withItems(head, items.getOrDefault(head.orderUid(), List.of())));
        }
        return orders;
    }

    /** An order without its items yet. */
    private static Order head(ResultSet r) throws SQLException {
        var delivery = new Order.Delivery(r.getString("delivery_name"), r.getString("delivery_phone"),
                r.getString("delivery_zip"), r.getString("delivery_city"), r.getString("delivery_address"),
                r.getString("delivery_region"), r.getString("delivery_email"));
        var payment = new Order.Payment(r.getString("payment_transaction"), r.getString("payment_request_id"),
                r.getString("payment_currency"), r.getString("payment_provider"), r.getLong("payment_amount"),
                r.getLong("payment_dt"), r.getString("payment_bank"), r.getLong("payment_delivery_cost"),
                r.getLong("payment_goods_total"), r.getLong("payment_custom_fee"));
        return new Order(r.getString("order_uid"), r.getString("track_number"), r.getString("entry"), delivery,
                payment, List.of(), r.getString("locale"), r.getString("internal_signature"),
                r.getString("customer_id"), r.getString("delivery_service"), r.getString("shardkey"),
                r.getLong("sm_id"), r.getString("date_created_text"), r.getString("oof_shard"));
    }

    private static Order withItems(Order o, List<Order.Item> items) {
        return new Order(o.orderUid(), o.trackNumber(), o.entry(), o.delivery(), o.payment(), items, o.locale(),
                o.internalSignature(), o.customerId(), o.deliveryService(), o.shardkey(), o.smId(), o.dateCreated(),
                o.oofShard());
    }

    private static Map<String, List<Order.Item>> items(Connection connection, String[] uids) throws SQLException {
        Map<String, List<Order.Item>> items = new HashMap<>(uids.length * 2);
        try (PreparedStatement statement = connection.prepareStatement(ITEMS)) {
            statement.setArray(1, connection.createArrayOf("text", uids));
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    items.computeIfAbsent(r.getString("order_uid"), uid -> new ArrayList<>(4)).add(new Order.Item(
                            r.getLong("chrt_id"), r.getString("track_number"), r.getLong("price"), r.getString("rid"),
                            r.getString("name"), r.getLong("sale"), r.getString("size"), r.getLong("total_price"),
                            r.getLong("nm_id"), r.getString("brand"), r.getLong("status")));
                }
            }
        }
        return items;
    }
}
