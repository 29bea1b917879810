package dev.orderservice.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.store.BatchOutcome.Fate;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.Sql;
import dev.orderservice.validation.MessageDecoder;
import dev.orderservice.validation.RejectReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Against a real PostgreSQL: two writers storing the same order ids at the same moment, one batch
 * with one version of each order and the other with another, in opposite order. The copy path
 * decides which ids are new before it copies, so the loser of each race must notice the order
 * stored meanwhile: exactly one version of each order is stored, in all tables, and the other
 * message is rejected as a conflict, whichever writer wins which order.
 */
class ConcurrentCopiesKeepOneVersionOfEachOrderIT {

    private static final int ORDERS = 300;
    private static final int ROUNDS = 3;
    @RegisterExtension
    static final RealServices services = RealServices.postgresOnly();
    private final MessageDecoder decoder = new MessageDecoder(256 * 1024);

    @ParameterizedTest(name = "{0} against {1}")
    @CsvSource({"COPY, COPY", "COPY, UNNEST"})
    void eachOrderIsStoredOnceInTheVersionOfTheWriterThatReportsItStored(OrderWriter.Rows first,
            OrderWriter.Rows second) throws Exception {
        try (Database db = services.migratedDatabase()) {
            OrderWriter a = new OrderWriter(db.dataSource(), first);
            OrderWriter b = new OrderWriter(db.dataSource(), second);
            for (int round = 0; round < ROUNDS; round++) {
                List<PendingMessage> forward = new ArrayList<>();
                List<PendingMessage> backward = new ArrayList<>();
                for (int i = 0; i < ORDERS; i++) {
                    String uid = "race" + round + "-" + i;
                    forward.add(message("a" + round + "-" + i, uid, "customer-a"));
                    backward.add(0, message("b" + round + "-" + i, uid, "customer-b"));
                }
                var outcomes = WritersAtOnce.write(a, forward, b, backward);
                BatchOutcome outcomeA = outcomes.first();
                BatchOutcome outcomeB = outcomes.second();

                assertThat(outcomeA.stored().size() + outcomeB.stored().size()).isEqualTo(ORDERS);
                assertThat(outcomeA.rejectedCount() + outcomeB.rejectedCount()).isEqualTo(ORDERS);
                assertThat(outcomeA.rejected().keySet()).allMatch(r -> r == RejectReason.CONFLICT);
                assertThat(outcomeB.rejected().keySet()).allMatch(r -> r == RejectReason.CONFLICT);
                Map<String, Long> customerA = Sql.countsBy(db.url(), "select order_uid, (customer_id = 'customer-a')::int"
                        + " from orders where order_uid like 'race" + round + "-%'");
                for (PendingMessage message : forward) {
                    String uid = message.messageKey().replaceFirst("^a", "race");
                    boolean storedByA = outcomeA.fateOf(message) == Fate.STORED;
                    assertThat(customerA.get(uid)).as(uid).isEqualTo(storedByA ? 1L : 0L);
                }
            }
            long total = (long) ORDERS * ROUNDS;
            assertThat(Sql.count(db.url(), "select count(*) from orders")).isEqualTo(total);
            assertThat(Sql.count(db.url(), "select count(*) from items"))
                    .isEqualTo(total * SampleOrders.model().get("items").size());
            assertThat(Sql.count(db.url(), "select count(*) from rejected_messages where reason = 'conflict'"))
                    .isEqualTo(total);
        }
    }

    private PendingMessage message(String key, String uid, String customer) {
        ObjectNode order = SampleOrders.withUid(uid);
        order.put("customer_id", customer);
        byte[] bytes = SampleOrders.bytes(order);
        return new PendingMessage(key, bytes, decoder.decode(bytes));
    }
}
