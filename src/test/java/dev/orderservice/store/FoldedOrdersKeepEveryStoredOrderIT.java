package dev.orderservice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.model.Order;
import dev.orderservice.model.OrderJson;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.SchemaVersion;
import dev.orderservice.testing.Sql;
import dev.orderservice.validation.MessageDecoder;
import dev.orderservice.validation.Verdict;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Migration V22 moves each order's delivery and payment into its row: orders stored before it come
 * back exactly as they were (by id, as JSON, rebuilt when they had none, in the searches, through
 * the views of the former tables), their positions are kept and new ones follow them. An order
 * missing its payment stops the migration with one clear reason, and nothing is changed.
 */
class FoldedOrdersKeepEveryStoredOrderIT {

    @RegisterExtension
    static final RealServices services = RealServices.postgresOnly();

    private static final String DELIVERIES_AS_TEXT = "select d::text from deliveries d";
    private static final String PAYMENTS_AS_TEXT = "select p::text from payments p";

    private final MessageDecoder decoder = new MessageDecoder(256 * 1024);

    @Test
    void ordersStoredBeforeTheMigrationReadBackUnchanged() throws Exception {
        String url = services.postgres().newDatabase();
        SchemaVersion.migrateTo(url, "21");
        List<Verdict.Accepted> old = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ObjectNode order = SampleOrders.withItems("fold" + i, 1 + i);
            ((ObjectNode) order.get("delivery"))
                    .put("email", "Fold" + i + "@Example.com").put("phone", "+7 (900) 000-00-0" + i);
            old.add((Verdict.Accepted) decoder.decode(SampleOrders.bytes(order)));
        }
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            for (Verdict.Accepted accepted : old) {
                // the second one as stored before V3: without its JSON
                storeInTheFormerTables(c, accepted, accepted != old.get(1));
            }
        }
        Map<String, Long> seqs = Sql.countsBy(url, "select order_uid, seq from orders");
        Set<String> deliveries = Sql.strings(url, DELIVERIES_AS_TEXT);
        Set<String> payments = Sql.strings(url, PAYMENTS_AS_TEXT);

        try (Database db = Database.pool(url, "postgres", null, "fold", null)) {
            db.migrate();

            OrderReader reader = new OrderReader(db.dataSource());
            for (Verdict.Accepted accepted : old) {
                assertThat(reader.find(accepted.orderUid())).contains(accepted.order());
                assertThat(reader.findJson(accepted.orderUid())).hasValueSatisfying(
                        json -> assertThat(json).isEqualTo(accepted.json()));
            }
            assertThat(Sql.countsBy(url, "select order_uid, seq from orders")).isEqualTo(seqs);
            assertThat(Sql.strings(url, DELIVERIES_AS_TEXT)).as("the deliveries view").isEqualTo(deliveries);
            assertThat(Sql.strings(url, PAYMENTS_AS_TEXT)).as("the payments view").isEqualTo(payments);
            assertThat(Sql.count(url, "select count(*) from pg_tables where tablename in ('deliveries', 'payments')"))
                    .as("the former tables are gone").isZero();
            assertThat(Sql.strings(url, "select conname from pg_constraint where conrelid = 'orders'::regclass"
                    + " union select relname from pg_class where relname like 'orders%'"))
                    .as("the rebuilt table's constraints, indexes and sequence named as the table")
                    .noneMatch(name -> name.contains("folded")).contains("orders_pkey", "orders_seq_seq",
                            "orders_payment_amount_check");

            Listings listings = new Listings(db.dataSource());
            assertThat(listings.orders(new Listings.OrderFilter(null, null, null, "fold2@example.COM", null, null),
                    null, 10).items()).extracting(Listings.OrderSummary::orderUid).containsExactly("fold2");
            assertThat(listings.orders(new Listings.OrderFilter(null, null, "+79000000003", null, null, null),
                    null, 10).items()).extracting(Listings.OrderSummary::orderUid).containsExactly("fold3");
            assertThat(listings.orders(null, 10).items()).extracting(Listings.OrderSummary::amount)
                    .containsExactly(old.reversed().stream().map(a -> a.order().payment().amount()).toArray(Long[]::new));

            var fresh = (Verdict.Accepted) decoder.decode(SampleOrders.bytes(SampleOrders.withUid("after-fold")));
            new OrderWriter(db.dataSource()).write(List.of(new PendingMessage("k1", new byte[0], fresh)));
            long newest = Sql.count(url, "select seq from orders where order_uid = 'after-fold'");
            assertThat(newest).isGreaterThan(seqs.values().stream().mapToLong(Long::longValue).max().orElseThrow());
            assertThat(reader.find("after-fold")).contains(fresh.order());
            try (Connection c = db.dataSource().getConnection()) {
                assertThat(ChildRows.orphans(c)).containsExactly(Map.entry("items", 0L));
            }
        }
    }

    @Test
    void anOrderWithoutItsPaymentStopsTheMigrationUntouched() throws Exception {
        String url = services.postgres().newDatabase();
        SchemaVersion.migrateTo(url, "21");
        var accepted = (Verdict.Accepted) decoder.decode(SampleOrders.bytes(SampleOrders.withUid("half")));
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            storeInTheFormerTables(c, accepted, true);
            s.execute("delete from payments");
        }

        Throwable failure = catchThrowable(() -> {
            try (Database db = Database.pool(url, "postgres", null, "fold", null)) {
                db.migrate();
            }
        });

        assertThat(failure).hasMessageContaining("V22: 1 order(s) have no delivery or no payment row");
        assertThat(Sql.count(url, "select max(version::int) from flyway_schema_history where success")).isEqualTo(21);
        assertThat(Sql.count(url, "select count(*) from pg_tables where tablename in ('orders', 'deliveries', 'payments')"))
                .isEqualTo(3);
        assertThat(Sql.count(url, "select count(*) from orders")).isOne();
    }

    /** An order as the writer stored it before V22: orders, deliveries, payments and items rows. */
    private static void storeInTheFormerTables(Connection c, Verdict.Accepted accepted, boolean withJson)
            throws SQLException {
        Order o = accepted.order();
        insert(c, """
                insert into orders (order_uid, track_number, entry, locale, internal_signature, customer_id,
                    delivery_service, shardkey, sm_id, date_created, date_created_text, oof_shard, content_hash, json,
                    item_count) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?, ?, ?, ?, ?)""",
                o.orderUid(), o.trackNumber(), o.entry(), o.locale(), o.internalSignature(), o.customerId(),
                o.deliveryService(), o.shardkey(), o.smId(), o.dateCreated(), o.dateCreated(), o.oofShard(),
                accepted.contentHash(), withJson ? accepted.json() : null, o.items().size());
        Order.Delivery d = o.delivery();
        insert(c, "insert into deliveries values (?, ?, ?, ?, ?, ?, ?, ?)", o.orderUid(), d.name(), d.phone(),
                d.zip(), d.city(), d.address(), d.region(), d.email());
        Order.Payment p = o.payment();
        insert(c, "insert into payments values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", o.orderUid(), p.transaction(),
                p.requestId(), p.currency(), p.provider(), p.amount(), p.paymentDt(), p.bank(), p.deliveryCost(),
                p.goodsTotal(), p.customFee());
        for (int i = 0; i < o.items().size(); i++) {
            Order.Item it = o.items().get(i);
            insert(c, "insert into items values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", o.orderUid(), i,
                    it.chrtId(), it.trackNumber(), it.price(), it.rid(), it.name(), it.sale(), it.size(),
                    it.totalPrice(), it.nmId(), it.brand(), it.status());
        }
        assertThat(OrderJson.write(o)).isEqualTo(accepted.json());
    }

    private static void insert(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
