package dev.orderservice.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.ThrowawayPostgres;
import dev.orderservice.validation.MessageDecoder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link StoredIdsLoader} against a real PostgreSQL of its own (transaction ids are the whole
 * cluster's, so no other test may write to it, and autovacuum is off): the first scan finds every
 * id across pages of the primary key, a catch-up pass after which nothing was committed reads no id, an order committed by another writer is found by the next
 * pass, and so is one whose transaction was running at the last pass and holds a lower position.
 */
class IdFilterCatchUpReadsOnlyAfterCommitsIT {

    private static ThrowawayPostgres postgres;
    private static Database db;
    private final MessageDecoder decoder = new MessageDecoder(256 * 1024);

    @BeforeAll
    static void start() throws Exception {
        postgres = ThrowawayPostgres.start();
        try (Connection connection = postgres.dataSource("postgres").getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("alter system set autovacuum = off");
            statement.execute("select pg_reload_conf()");
        }
        db = Database.pool(postgres.newDatabase(), "postgres", null, "test", null);
        db.migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (db != null) {
            db.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void readsNothingWhileNothingIsCommittedAndWhatWasCommittedOnceItIs() throws Exception {
        OrderWriter writer = new OrderWriter(db.dataSource());
        writer.write(batch("first", 20));
        StoredIds ids = new StoredIds();
        // pages of 7 ids: the first scan walks the primary key page after page
        StoredIdsLoader loader = new StoredIdsLoader(new OrderReader(db.dataSource()), ids, 7);
        loader.firstScan();
        assertThat(ids.complete()).isTrue();
        assertThat(allMightBeStored(ids, "first", 20)).isTrue();
        assertThat(ids.approximateIds()).isBetween(18L, 22L);

        loader.pass();
        loader.pass();
        assertThat(loader.caughtUpIds()).as("ids read by passes over an idle store").isZero();

        // stored by another instance, whose notice never came: the filter learns it from the pass
        writer.write(batch("other", 5));
        assertThat(allMightBeStored(ids, "other", 5)).isFalse();
        loader.pass();
        assertThat(allMightBeStored(ids, "other", 5)).isTrue();
        long afterCommit = loader.caughtUpIds();
        assertThat(afterCommit).isGreaterThanOrEqualTo(5);

        loader.pass();
        assertThat(loader.caughtUpIds()).as("idle again").isEqualTo(afterCommit);

        // a transaction takes a position, then others commit higher ones and a pass runs while it
        // is still open; it commits after that pass, below where the pass ended
        try (Connection late = db.dataSource().getConnection(); Statement statement = late.createStatement()) {
            late.setAutoCommit(false);
            String columns = columnsBut(statement);
            statement.execute("insert into orders (order_uid, " + columns + ") select 'late-' || n, " + columns
                    + " from orders, generate_series(0, 4) n where order_uid = 'first-0'");
            writer.write(batch("meanwhile", 3));
            loader.pass();
            assertThat(allMightBeStored(ids, "meanwhile", 3)).isTrue();
            assertThat(allMightBeStored(ids, "late", 5)).isFalse();
            long beforeLate = loader.caughtUpIds();
            loader.pass();
            assertThat(loader.caughtUpIds()).as("a pass while a transaction is open reads again")
                    .isGreaterThan(beforeLate);
            late.commit();
        }
        loader.pass();
        assertThat(allMightBeStored(ids, "late", 5)).as("committed after a pass, below its end").isTrue();
        long settled = loader.caughtUpIds();
        loader.pass();
        loader.pass();
        assertThat(loader.caughtUpIds()).isEqualTo(settled);
    }

    /** Whether the filter might hold each of PREFIX-0 .. PREFIX-(count-1); false for absent ones but at its 1% rate. */
    private static boolean allMightBeStored(StoredIds ids, String prefix, int count) {
        return IntStream.range(0, count).allMatch(i -> ids.mightBeStored(prefix + "-" + i));
    }

    private List<PendingMessage> batch(String prefix, int count) {
        List<PendingMessage> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] bytes = SampleOrders.bytes(SampleOrders.withItems(prefix + "-" + i, 1));
            batch.add(new PendingMessage(prefix + "-m" + i, bytes, decoder.decode(bytes)));
        }
        return batch;
    }

    /** The orders columns a row can be copied by, all but its id and its generated position. */
    private static String columnsBut(Statement statement) throws Exception {
        try (ResultSet r = statement.executeQuery("""
                select string_agg(column_name, ', ' order by ordinal_position) from information_schema.columns
                where table_name = 'orders' and column_name not in ('order_uid', 'seq')
                  and is_generated = 'NEVER'""")) {
            r.next();
            return r.getString(1);
        }
    }
}
