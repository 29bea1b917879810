package dev.orderservice.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.SchemaVersion;
import dev.orderservice.testing.Sql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The status strip's counts cost O(1) and stay exact (issue 15): store_counts, kept by the writer
 * in the batch's transaction and by every path that removes or hides rows (erase, retention,
 * replay-rejected), always equals the count(*) it replaces; the migration counts what was stored
 * before it, once.
 */
class StoreCountsStayExactIT {

    @RegisterExtension
    static final RealServices services = RealServices.postgresOnly();

    private static PendingMessage message(String key, ObjectNode order) {
        return PendingMessages.of(key, order);
    }

    private static PendingMessage garbage(String key) {
        return PendingMessages.raw(key, "not json");
    }

    private static Listings.Counts exact(String url) throws Exception {
        return new Listings.Counts(Sql.count(url, "select count(*) from orders"),
                Sql.count(url, "select count(*) from rejected_messages where replayed_at is null"));
    }

    private static void assertCounts(Database db, String url, long orders, long rejected) throws Exception {
        assertThat(new Listings(db.dataSource()).counts()).isEqualTo(new Listings.Counts(orders, rejected))
                .isEqualTo(exact(url));
    }

    @Test
    void countsFollowIngestRedeliveriesConflictsEraseRetentionAndReplay() throws Exception {
        String url = services.postgres().newDatabase();
        try (Database db = Database.pool(url, "postgres", null, "counts", null)) {
            db.migrate();
            assertCounts(db, url, 0, 0);
            OrderWriter writer = new OrderWriter(db.dataSource());
            List<PendingMessage> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(message("m" + i, SampleOrders.withUid("n" + i)));
            }
            batch.add(garbage("g1"));
            batch.add(garbage("g2"));
            writer.write(batch);
            assertCounts(db, url, 10, 2);

            writer.write(batch);
            assertCounts(db, url, 10, 2);

            ObjectNode changed = SampleOrders.withUid("n3");
            changed.put("customer_id", "someone-else");
            writer.write(List.of(message("conflict", changed), message("again", SampleOrders.withUid("n4"))));
            assertCounts(db, url, 10, 3);

            Erasures erasures = new Erasures(db.dataSource());
            erasures.tombstone(List.of("n3", "n5"));
            erasures.delete(List.of("n3", "n5"), erasures.rejectedKeys(List.of("n3", "n5")));
            assertCounts(db, url, 8, 2);
            erasures.delete(List.of("n3", "n5"), Map.of());
            assertCounts(db, url, 8, 2);

            RejectedReplay replay = new RejectedReplay(db.dataSource());
            long g1 = Sql.count(url, "select id from rejected_messages where message_key = 'g1'");
            replay.markReplayed(List.of(g1));
            assertCounts(db, url, 8, 1);
            replay.markReplayed(List.of(g1));
            assertCounts(db, url, 8, 1);

            // every row is past retention: the replayed one goes without touching the count, g2 with it
            new RejectedRetention(db.deleteDataSource(), Duration.ZERO, Duration.ZERO).purgeOnce();
            assertThat(Sql.count(url, "select count(*) from rejected_messages")).isZero();
            assertCounts(db, url, 8, 0);
        }
    }

    @Test
    void concurrentWritersCountEveryOrderOnce() throws Exception {
        String url = services.postgres().newDatabase();
        try (Database db = Database.pool(url, "postgres", null, "counts", null)) {
            db.migrate();
            OrderWriter writer = new OrderWriter(db.dataSource());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<BatchOutcome>> writes = new ArrayList<>();
            for (int b = 0; b < 20; b++) {
                List<PendingMessage> batch = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    // batches overlap by half: every order is offered twice, by different writers
                    int id = b * 12 + i;
                    batch.add(message("b" + b + "-" + i, SampleOrders.withUid("p" + id)));
                }
                batch.add(garbage("bad" + b));
                writes.add(pool.submit(() -> writer.write(batch)));
            }
            for (Future<BatchOutcome> write : writes) {
                write.get();
            }
            pool.shutdown();
            assertCounts(db, url, 19 * 12 + 25, 20);
            assertThat(Sql.count(url, "select count(*) from store_counts")).isGreaterThan(0).isLessThanOrEqualTo(64);
        }
    }

    @Test
    void theMigrationCountsWhatWasStoredBeforeItOnce() throws Exception {
        String url = services.postgres().newDatabase();
        SchemaVersion.migrateTo(url, "20");
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("""
                    insert into orders (order_uid, track_number, entry, locale, internal_signature, customer_id,
                        delivery_service, shardkey, sm_id, date_created, date_created_text, oof_shard, content_hash)
                    select 'old' || n, 'T', 'E', 'en', '', 'c', 'meest', '9', 99, now(), now()::text, '1', '\\x00'
                    from generate_series(1, 5) n""");
            s.execute("""
                    insert into deliveries (order_uid, name, phone, zip, city, address, region, email)
                    select 'old' || n, 'N', '1', '', 'C', 'A', '', '' from generate_series(1, 5) n""");
            s.execute("""
                    insert into payments (order_uid, transaction, request_id, currency, provider, amount, payment_dt,
                        bank, delivery_cost, goods_total, custom_fee)
                    select 'old' || n, 'old' || n, '', 'USD', 'p', n, 0, '', 0, n, 0 from generate_series(1, 5) n""");
            s.execute("""
                    insert into items (order_uid, position, chrt_id, track_number, price, rid, name, sale, size,
                        total_price, nm_id, brand, status)
                    select 'old' || n, p, 1, 'T', 1, 'r', 'i', 0, '0', 1, 1, 'b', 202
                    from generate_series(1, 5) n, generate_series(0, n - 1) p""");
            s.execute("""
                    insert into rejected_messages (message_key, reason, detail, payload_bytes, payload_head, replayed_at)
                    values ('a', 'malformed_json', '', 1, '\\x00', null), ('b', 'malformed_json', '', 1, '\\x00', null),
                           ('c', 'invalid_order', '', 1, '\\x00', now())""");
        }
        try (Database db = Database.pool(url, "postgres", null, "counts", null)) {
            db.migrate();
            assertCounts(db, url, 5, 2);
            assertThat(Sql.countsBy(url, "select order_uid, item_count from orders"))
                    .containsExactlyInAnyOrderEntriesOf(Map.of("old1", 1L, "old2", 2L, "old3", 3L, "old4", 4L,
                            "old5", 5L));
            db.migrate();
            assertCounts(db, url, 5, 2);
        }
    }
}
