package dev.orderservice.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.validation.MessageDecoder;
import dev.orderservice.validation.Verdict;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Against a real PostgreSQL: what the reader gives back for the cache is byte for byte what ingest
 * accepted, whether it comes from the stored JSON column or, for orders stored before that column
 * existed, is rebuilt from the normalised rows.
 */
class StoredOrdersReadBackAsServedIT {

    @RegisterExtension
    static final RealServices services = RealServices.postgresOnly();
    private final MessageDecoder decoder = new MessageDecoder(256 * 1024);

    @Test
    void readsBackTheAcceptedBytesWithOrWithoutTheJsonColumn() throws Exception {
        try (Database db = services.migratedDatabase()) {
            List<PendingMessage> batch = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                byte[] bytes = SampleOrders.bytes(SampleOrders.withItems("r" + i, 1 + i % 4));
                batch.add(new PendingMessage("m" + i, bytes, decoder.decode(bytes)));
            }
            Map<String, byte[]> accepted = batch.stream().map(m -> (Verdict.Accepted) m.verdict())
                    .collect(Collectors.toMap(Verdict.Accepted::orderUid, Verdict.Accepted::json));
            new OrderWriter(db.dataSource()).write(batch);
            OrderReader reader = new OrderReader(db.dataSource());

            assertReadBack(reader, accepted);
            try (Connection connection = db.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                // as if stored before V3: only the normalised rows are there
                statement.execute("update orders set json = null where order_uid in ('r1', 'r2', 'r17')");
            }
            assertReadBack(reader, accepted);
            assertThat(reader.findJson("missing")).isEmpty();
        }
    }

    private static void assertReadBack(OrderReader reader, Map<String, byte[]> accepted) throws Exception {
        long end = reader.endSeq();
        List<OrderReader.OrderBytes> all = new ArrayList<>(reader.jsonRange(end - 10, end));
        all.addAll(reader.jsonRange(1, end - 10));
        Map<String, byte[]> read = all.stream().collect(Collectors.toMap(OrderReader.OrderBytes::orderUid,
                OrderReader.OrderBytes::json));
        assertThat(read.keySet()).isEqualTo(accepted.keySet());
        accepted.forEach((uid, json) -> assertThat(read.get(uid)).as(uid).isEqualTo(json));
        for (String uid : List.of("r1", "r17", "r29")) {
            assertThat(reader.findJson(uid)).get().isEqualTo(accepted.get(uid));
        }
        assertThat(all.stream().map(OrderReader.OrderBytes::orderUid).collect(Collectors.toMap(Function.identity(),
                uid -> 1, Integer::sum)).values()).allMatch(count -> count == 1);
    }
}
