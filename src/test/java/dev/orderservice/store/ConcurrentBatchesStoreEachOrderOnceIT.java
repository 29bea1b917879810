package dev.orderservice.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.Sql;
import dev.orderservice.validation.MessageDecoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ingest writes two batches at once. Two batches holding the same orders in opposite order lock
 * them in opposite order and deadlock; PostgreSQL aborts one, and the writer must run it again so
 * that, between them, each order is stored exactly once and every other copy is a duplicate.
 */
class ConcurrentBatchesStoreEachOrderOnceIT {

    private static final int ORDERS = 200;
    private static final int ROUNDS = 4;
    @RegisterExtension
    static final RealServices services = RealServices.postgresOnly();
    private final MessageDecoder decoder = new MessageDecoder(256 * 1024);

    @Test
    void sameOrdersInOppositeOrderFromTwoThreadsAreStoredOnce() throws Exception {
        try (Database db = services.migratedDatabase()) {
            OrderWriter writer = new OrderWriter(db.dataSource());
            for (int round = 0; round < ROUNDS; round++) {
                List<PendingMessage> forward = new ArrayList<>();
                List<PendingMessage> backward = new ArrayList<>();
                for (int i = 0; i < ORDERS; i++) {
                    byte[] order = SampleOrders.bytes(SampleOrders.withUid("race" + round + "-" + i));
                    forward.add(new PendingMessage("f" + round + "-" + i, order, decoder.decode(order)));
                    backward.add(0, new PendingMessage("b" + round + "-" + i, order, decoder.decode(order)));
                }
                var outcomes = WritersAtOnce.write(writer, forward, writer, backward);
                BatchOutcome a = outcomes.first();
                BatchOutcome b = outcomes.second();

                assertThat(a.stored().size() + b.stored().size()).isEqualTo(ORDERS);
                assertThat(a.duplicates() + b.duplicates()).isEqualTo(ORDERS);
                assertThat(a.rejected()).isEmpty();
                assertThat(b.rejected()).isEmpty();
            }
            assertThat(Sql.count(db.url(), "select count(*) from orders")).isEqualTo((long) ORDERS * ROUNDS);
            assertThat(Sql.count(db.url(), "select count(*) from items"))
                    .isEqualTo((long) ORDERS * ROUNDS * SampleOrders.model().get("items").size());
        }
    }
}
