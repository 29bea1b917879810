package dev.orderservice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.model.OrderJson;
import dev.orderservice.store.Database;
import dev.orderservice.store.Listings;
import dev.orderservice.store.OrderReader;
import dev.orderservice.store.OrderWriter;
import dev.orderservice.store.PendingMessage;
import dev.orderservice.testing.CommandOutput;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.Sql;
import dev.orderservice.validation.MessageDecoder;
import dev.orderservice.validation.RejectReason;
import dev.orderservice.validation.Verdict;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Messages rejected under older rules: {@code replay-rejected} stores those that pass today through
 * the normal writer, recognises duplicates, leaves conflicts and still-invalid ones rejected, and
 * cannot replay what was not kept whole. A second run finds nothing more to store.
 */
class ReplayRejectedIT {

    private static final MessageDecoder DECODER = new MessageDecoder(256 * 1024);

    @RegisterExtension
    static final RealServices services = RealServices.postgresOnly();

    private String db;
    private Database database;
    private int keys;

    @BeforeEach
    void rejectedUnderOlderRules() throws Exception {
        db = services.postgres().newDatabase();
        database = Database.pool(db, "postgres", null, "test", null);
        database.migrate();
        OrderWriter writer = new OrderWriter(database.dataSource());
        ObjectNode kept = SampleOrders.withUid("kept");
        writer.write(List.of(accepted(kept)));

        List<PendingMessage> rejections = new ArrayList<>();
        rejections.add(rejected(SampleOrders.bytes(SampleOrders.withUid("now-valid")), RejectReason.INVALID_ORDER));
        rejections.add(rejected(SampleOrders.bytes(SampleOrders.withItems("large", 40)), RejectReason.INVALID_ORDER));
        rejections.add(rejected("not json".getBytes(StandardCharsets.UTF_8), RejectReason.MALFORMED_JSON));
        rejections.add(rejected(SampleOrders.bytes(kept), RejectReason.INVALID_ORDER));
        ObjectNode conflicting = kept.deepCopy();
        conflicting.put("customer_id", "somebody-else");
        rejections.add(rejected(SampleOrders.bytes(conflicting), RejectReason.CONFLICT));
        rejections.add(rejected(new byte[300 * 1024], RejectReason.TOO_LARGE));
        writer.write(rejections);
        insertRowFromBeforeVersion2(SampleOrders.bytes(SampleOrders.withItems("old-large", 40)));
    }

    @AfterEach
    void closePool() {
        database.close();
    }

    @Test
    void aDryRunCountsWithoutChangingAnything() throws Exception {
        CommandOutput run = replay("--dry-run");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("dry run, nothing changed: examined 7, now valid 4 (would store 2, "
                + "duplicates 1, conflicts 1), still invalid 1, not replayable 2" + System.lineSeparator());
        assertThat(Sql.count(db, "select count(*) from orders")).isEqualTo(1);
        assertThat(Sql.count(db, "select count(*) from rejected_messages where replayed_at is not null")).isZero();
    }

    @Test
    void storesWhatPassesNowMarksItAndASecondRunStoresNothingMore() throws Exception {
        CommandOutput first = replay();
        CommandOutput second = replay();

        assertThat(first.out()).isEqualTo("examined 7, now valid 4 (stored 2, duplicates 1, conflicts 1), "
                + "still invalid 1, not replayable 2" + System.lineSeparator());
        assertThat(second.out()).isEqualTo("examined 4, now valid 1 (stored 0, duplicates 0, conflicts 1), "
                + "still invalid 1, not replayable 2" + System.lineSeparator());
        OrderReader reader = new OrderReader(database.dataSource());
        assertThat(SampleOrders.parse(new String(OrderJson.write(reader.find("large")
                .orElseThrow()), StandardCharsets.UTF_8))).isEqualTo(SampleOrders.parse(new String(SampleOrders.bytes(
                SampleOrders.withItems("large", 40)), StandardCharsets.UTF_8)));
        assertThat(reader.find("now-valid")).isPresent();
        assertThat(reader.find("kept").orElseThrow().customerId()).isEqualTo("test");
        assertThat(Sql.count(db, "select count(*) from rejected_messages where replayed_at is not null")).isEqualTo(3);
        Listings listings = new Listings(database.dataSource());
        assertThat(listings.counts()).isEqualTo(new Listings.Counts(3, 4));
        assertThat(listings.rejected(null, 10).items()).extracting(Listings.RejectedMessage::reason)
                .containsExactlyInAnyOrder("malformed_json", "conflict", "too_large", "invalid_order");
    }

    @Test
    void reasonAndLimitNarrowTheRun() {
        assertThat(replay("--reason", "malformed_json,too_large", "--dry-run").out())
                .startsWith("dry run, nothing changed: examined 2, now valid 0");
        assertThat(replay("--limit", "2").out()).startsWith("examined 2, now valid 2 (stored 2");
        assertThat(replay("--reason", "invalid_order").out()).startsWith("examined 2, now valid 1 (stored 0, "
                + "duplicates 1");
    }

    @Test
    void anUnknownReasonIsAUsageError() {
        CommandOutput run = replay("--reason", "bogus");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("unknown --reason 'bogus'; one of conflict, invalid_order");
    }

    @Test
    void aSchemaBeforeVersion2SaysToMigrate() throws Exception {
        String old = services.postgres().newDatabase();
        try (Connection c = DriverManager.getConnection(old, "postgres", "");
                var s = c.createStatement()) {
            s.execute("create table rejected_messages (id bigint, message_key text, reason text, payload_bytes int, "
                    + "payload_head bytea)");
        }

        CommandOutput run = CommandOutput.of(new ReplayRejectedCommand(), "--db-url", old, "--db-user", "postgres");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().lines()).singleElement().asString().startsWith("replay-rejected: the schema is older "
                + "than this build").contains("run `order-service migrate` first");
    }

    private CommandOutput replay(String... more) {
        List<String> args = new ArrayList<>(List.of("--db-url", db, "--db-user", "postgres"));
        args.addAll(List.of(more));
        return CommandOutput.of(new ReplayRejectedCommand(), args.toArray(String[]::new));
    }

    private PendingMessage accepted(ObjectNode order) {
        return new PendingMessage("TEST/" + (++keys), SampleOrders.bytes(order), DECODER.decode(SampleOrders.bytes(order)));
    }

    private PendingMessage rejected(byte[] payload, RejectReason reason) {
        return new PendingMessage("TEST/" + (++keys), payload, new Verdict.Rejected(reason, "under older rules", null));
    }

    /** Version 1 kept only the first 4 KiB of a payload. */
    private void insertRowFromBeforeVersion2(byte[] payload) throws Exception {
        try (Connection c = DriverManager.getConnection(db, "postgres", "");
                PreparedStatement s = c.prepareStatement("insert into rejected_messages (message_key, reason, detail, "
                        + "payload_bytes, payload_head) values ('TEST/old', 'invalid_order', 'old', ?, ?)")) {
            s.setInt(1, payload.length);
            s.setBytes(2, Arrays.copyOf(payload, 4096));
            s.executeUpdate();
            // V21 counted the rows it found; one inserted by hand after it must be counted by hand
            try (var count = c.createStatement()) {
                count.execute("insert into store_counts (slot, orders, rejected) values (0, 0, 1) "
                        + "on conflict (slot) do update set rejected = store_counts.rejected + 1");
            }
        }
    }
}
