package dev.orderservice.store;

import dev.orderservice.model.Order;
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
 */
public final class OrderWriter {

    static final int RACE_ATTEMPTS = 3;

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
                return BatchOutcome.of(batch, stored, rejections);
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

    private static Set<String> insertOrders(Connection connection, java.util.Collection<PendingMessage> messages)
            throws SQLException {
        int n = messages.size();
        if (n == 0) {
            return Set.of();
        }
        var columns = new Columns(n);
        for (PendingMessage message : messages) {
            Verdict.Accepted accepted = (Verdict.Accepted) message.verdict();
            Order o = accepted.order();
            columns.text(0, o.orderUid()).text(1, o.trackNumber()).text(2, o.entry()).text(3, o.locale())
                    .text(4, o.internalSignature()).text(5, o.customerId()).text(6, o.deliveryService())
                    .text(7, o.shardkey()).number(8, o.smId()).text(9, o.dateCreated()).text(10, o.oofShard())
                    .bytes(11, accepted.contentHash()).bytes(12, accepted.json()).next();
        }
        String sql = """
                insert into orders (order_uid, track_number, entry, locale, internal_signature, customer_id,
                    delivery_service, shardkey, sm_id, date_created, date_created_text, oof_shard, content_hash, json)
                select u, t, e, l, s, c, d, k, m, dt::timestamptz, dt, f, h, j
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::int8[], ?::text[], ?::text[], ?::bytea[], ?::bytea[])
                    as x(u, t, e, l, s, c, d, k, m, dt, f, h, j)
                on conflict (order_uid) do nothing
                returning order_uid""";
        Set<String> inserted = new HashSet<>(n * 2);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            columns.bind(connection, statement, "text", "text", "text", "text", "text", "text", "text",
                    "text", "int8", "text", "text", "bytea", "bytea");
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
        var deliveries = new Columns(stored.size());
        var payments = new Columns(stored.size());
        int itemCount = stored.stream().mapToInt(a -> a.order().items().size()).sum();
        var items = new Columns(itemCount);
        for (Verdict.Accepted accepted : stored) {
            Order o = accepted.order();
            Order.Delivery d = o.delivery();
            deliveries.text(0, o.orderUid()).text(1, d.name()).text(2, d.phone()).text(3, d.zip())
                    .text(4, d.city()).text(5, d.address()).text(6, d.region()).text(7, d.email()).next();
            Order.Payment p = o.payment();
            payments.text(0, o.orderUid()).text(1, p.transaction()).text(2, p.requestId()).text(3, p.currency())
                    .text(4, p.provider()).number(5, p.amount()).number(6, p.paymentDt()).text(7, p.bank())
                    .number(8, p.deliveryCost()).number(9, p.goodsTotal()).number(10, p.customFee()).next();
            for (int position = 0; position < o.items().size(); position++) {
                Order.Item i = o.items().get(position);
                items.text(0, o.orderUid()).number(1, position).number(2, i.chrtId()).text(3, i.trackNumber())
                        .number(4, i.price()).text(5, i.rid()).text(6, i.name()).number(7, i.sale())
                        .text(8, i.size()).number(9, i.totalPrice()).number(10, i.nmId()).text(11, i.brand())
                        .number(12, i.status()).next();
            }
        }
        execute(connection, """
                insert into deliveries (order_uid, name, phone, zip, city, address, region, email)
                select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[])""", deliveries, "text", "text", "text", "text", "text", "text", "text", "text");
        execute(connection, """
                insert into payments (order_uid, transaction, request_id, currency, provider, amount, payment_dt,
                    bank, delivery_cost, goods_total, custom_fee)
                select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int8[], ?::int8[],
                    ?::text[], ?::int8[], ?::int8[], ?::int8[])""", payments,
                "text", "text", "text", "text", "text", "int8", "int8", "text", "int8", "int8", "int8");
        execute(connection, """
                insert into items (order_uid, position, chrt_id, track_number, price, rid, name, sale, size,
                    total_price, nm_id, brand, status)
                select * from unnest(?::text[], ?::int8[], ?::int8[], ?::text[], ?::int8[], ?::text[], ?::text[],
                    ?::int8[], ?::text[], ?::int8[], ?::int8[], ?::text[], ?::int8[])""", items,
                "text", "int8", "int8", "text", "int8", "text", "text", "int8", "text", "int8", "int8", "text", "int8");
    }

    private static void execute(Connection connection, String sql, Columns columns, String... types)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            columns.bind(connection, statement, types);
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
