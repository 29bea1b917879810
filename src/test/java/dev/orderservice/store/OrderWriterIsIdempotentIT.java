package dev.orderservice.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.model.Order;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.validation.RejectReason;
import dev.orderservice.validation.Verdict;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Against a real PostgreSQL: a redelivered batch writes nothing twice; a conflicting order is rejected. */
class OrderWriterIsIdempotentIT {

    @RegisterExtension
    static final RealServices services = RealServices.postgresOnly();

    private static PendingMessage message(String key, ObjectNode order) {
        return PendingMessages.of(key, order);
    }

    @Test
    void redeliveredBatchIsStoredOnce() throws Exception {
        try (Database db = services.migratedDatabase()) {
            OrderWriter writer = new OrderWriter(db.dataSource());
            List<PendingMessage> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                batch.add(message("m" + i, SampleOrders.withUid("o" + i)));
            }
            batch.add(PendingMessages.raw("bad", "nope"));

            BatchOutcome first = writer.write(batch);
            BatchOutcome again = writer.write(batch);

            assertThat(first.stored()).hasSize(50);
            assertThat(first.rejected()).containsEntry(RejectReason.MALFORMED_JSON, 1);
            assertThat(again.stored()).isEmpty();
            assertThat(again.duplicates()).isEqualTo(50);
            Listings listings = new Listings(db.dataSource());
            assertThat(listings.counts()).isEqualTo(new Listings.Counts(50, 1));
            Optional<Order> read = new OrderReader(db.dataSource()).find("o7");
            assertThat(read).isPresent();
            assertThat(read.get()).isEqualTo(((Verdict.Accepted)
                    batch.get(7).verdict()).order());
        }
    }

    @Test
    void sameIdWithDifferentContentIsAConflictAndTheFirstStays() throws Exception {
        try (Database db = services.migratedDatabase()) {
            OrderWriter writer = new OrderWriter(db.dataSource());
            ObjectNode original = SampleOrders.withUid("c1");
            ObjectNode changed = SampleOrders.withUid("c1");
            changed.put("customer_id", "someone-else");

            writer.write(List.of(message("a", original)));
            BatchOutcome outcome = writer.write(List.of(message("b", changed), message("c", changed)));

            assertThat(outcome.rejected()).containsEntry(RejectReason.CONFLICT, 2);
            assertThat(outcome.rejectedKeys()).containsExactlyInAnyOrder("b", "c");
            assertThat(new OrderReader(db.dataSource()).find("c1").orElseThrow().customerId()).isEqualTo("test");
        }
    }

    @Test
    void conflictWithinOneBatchKeepsTheFirst() throws Exception {
        try (Database db = services.migratedDatabase()) {
            ObjectNode changed = SampleOrders.withUid("w1");
            changed.put("customer_id", "second");
            BatchOutcome outcome = new OrderWriter(db.dataSource()).write(List.of(
                    message("x", SampleOrders.withUid("w1")), message("y", changed),
                    message("z", SampleOrders.withUid("w1"))));
            assertThat(outcome.stored()).hasSize(1);
            assertThat(outcome.duplicates()).isEqualTo(1);
            assertThat(outcome.rejectedKeys()).containsExactly("y");
        }
    }

    /** Found by fuzzing: the first message of a batch is not the reference when an earlier version is stored. */
    @Test
    void aReSendAfterAConflictInTheSameBatchIsADuplicate() throws Exception {
        try (Database db = services.migratedDatabase()) {
            OrderWriter writer = new OrderWriter(db.dataSource());
            ObjectNode changed = SampleOrders.withUid("r1");
            changed.put("customer_id", "someone-else");
            writer.write(List.of(message("a", SampleOrders.withUid("r1"))));

            BatchOutcome outcome = writer.write(List.of(message("b", changed), message("c", SampleOrders.withUid("r1")),
                    message("d", changed)));

            assertThat(outcome.rejectedKeys()).containsExactlyInAnyOrder("b", "d");
            assertThat(outcome.duplicates()).isEqualTo(1);
            assertThat(new OrderReader(db.dataSource()).find("r1").orElseThrow().customerId()).isEqualTo("test");
        }
    }

    @Test
    void anOrderTheIdFilterDoesNotKnowIsStillADuplicateOrAConflict() throws Exception {
        try (Database db = services.migratedDatabase()) {
            // stored by another instance whose notice never arrived: this filter says it is new
            new OrderWriter(db.dataSource()).write(List.of(message("elsewhere", SampleOrders.withUid("f1"))));
            StoredIds behind = new StoredIds();
            behind.markComplete();
            OrderWriter writer = new OrderWriter(db.dataSource(), OrderWriter.Rows.COPY, behind);
            ObjectNode changed = SampleOrders.withUid("f1");
            changed.put("customer_id", "someone-else");

            BatchOutcome resent = writer.write(List.of(message("a", SampleOrders.withUid("f1")),
                    message("b", SampleOrders.withUid("f2"))));
            BatchOutcome conflicting = writer.write(List.of(message("c", changed)));

            assertThat(resent.stored()).extracting(Verdict.Accepted::orderUid).containsExactly("f2");
            assertThat(resent.duplicates()).isEqualTo(1);
            assertThat(conflicting.rejectedKeys()).containsExactly("c");
            assertThat(new OrderReader(db.dataSource()).find("f1").orElseThrow().customerId()).isEqualTo("test");
            assertThat(new Listings(db.dataSource()).counts()).isEqualTo(new Listings.Counts(2, 1));
        }
    }

    @Test
    void onlyTheIdsTheFilterMightHoldAreLookedUp() throws Exception {
        try (Database db = services.migratedDatabase()) {
            StoredIds ids = new StoredIds();
            ids.markComplete();
            List<String> statements = new ArrayList<>();
            OrderWriter writer = new OrderWriter(recording(db.dataSource(), statements), OrderWriter.Rows.COPY, ids);

            writer.write(List.of(message("a", SampleOrders.withUid("n1")), message("b", SampleOrders.withUid("n2"))));
            List<String> whenNew = List.copyOf(statements);
            ids.add("n1");
            statements.clear();
            BatchOutcome again = writer.write(List.of(message("a2", SampleOrders.withUid("n1"))));

            assertThat(whenNew).noneMatch(sql -> sql.contains("content_hash from orders"));
            // looked up by the copy itself: not by the unnest way after a copy that failed on the key
            assertThat(statements).filteredOn(sql -> sql.contains("content_hash from orders")).hasSize(1);
            assertThat(whenNew).noneMatch(sql -> sql.contains("on conflict (order_uid)"));
            assertThat(statements).noneMatch(sql -> sql.contains("on conflict (order_uid)"));
            assertThat(again.duplicates()).isEqualTo(1);
        }
    }

    /** The data source's connections, with the SQL of each statement they prepare noted. */
    private static DataSource recording(DataSource dataSource, List<String> statements) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(dataSource, method, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection connection = (Connection) result;
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (c, m, a) -> {
                                if (m.getName().equals("prepareStatement")) {
                                    statements.add((String) a[0]);
                                }
                                return invoke(connection, m, a);
                            });
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
