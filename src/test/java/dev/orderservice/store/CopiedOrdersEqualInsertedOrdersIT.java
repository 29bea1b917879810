package dev.orderservice.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.validation.MessageDecoder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;

/**
 * Against a real PostgreSQL: what binary COPY stores is what the {@code unnest} insert stores, row
 * for row in all four tables, and a timestamp encoded in Java is the one PostgreSQL's own cast of
 * the text gives, to the microsecond.
 */
class CopiedOrdersEqualInsertedOrdersIT {

    @RegisterExtension
    static final RealServices services = RealServices.postgresOnly();
    private final MessageDecoder decoder = new MessageDecoder(256 * 1024);

    private static final List<String> TABLES_AS_TEXT = List.of(
            "select o::text from (select order_uid, track_number, entry, locale, internal_signature, customer_id,"
                    + " delivery_service, shardkey, sm_id, date_created, date_created_text, oof_shard,"
                    + " delivery_name, delivery_phone, delivery_zip, delivery_city, delivery_address, delivery_region,"
                    + " delivery_email, payment_transaction, payment_request_id, payment_currency, payment_provider,"
                    + " payment_amount, payment_dt, payment_bank, payment_delivery_cost, payment_goods_total,"
                    + " payment_custom_fee, content_hash, json, item_count from orders order by order_uid) o",
            "select i::text from (select * from items order by order_uid, position) i");

    @Test
    void copiedRowsAreTheInsertedRows() throws Exception {
        List<PendingMessage> batch = new ArrayList<>();
        String[] times = {"2021-11-26T06:22:19Z", "1999-12-31T23:59:59.999999-05:00", "2030-06-01T12:00:00.1234567+03:30"};
        for (int i = 0; i < 30; i++) {
            ObjectNode order = SampleOrders.withItems("eq" + i, 1 + i % 4);
            order.put("date_created", times[i % times.length]);
            order.put("customer_id", "ünïcødé " + i);
            byte[] bytes = SampleOrders.bytes(order);
            batch.add(new PendingMessage("m" + i, bytes, decoder.decode(bytes)));
        }
        try (Database copied = services.migratedDatabase(); Database inserted = services.migratedDatabase()) {
            assertThat(new OrderWriter(copied.dataSource(), OrderWriter.Rows.COPY).write(batch).stored()).hasSize(30);
            assertThat(new OrderWriter(inserted.dataSource(), OrderWriter.Rows.UNNEST).write(batch).stored()).hasSize(30);
            for (String query : TABLES_AS_TEXT) {
                assertThat(rows(copied, query)).isNotEmpty().isEqualTo(rows(inserted, query));
            }
        }
    }

    @Test
    void timestampsAreThoseOfPostgresCastToTheMicrosecond() throws Exception {
        List<String> texts = List.of("2021-11-26T06:22:19Z", "2021-11-26T06:22:19.5Z", "2000-01-01T00:00:00Z",
                "1970-01-01T00:00:00Z", "1900-02-28T23:59:59.999999+14:00", "2099-12-31T23:59:59-12:00",
                "2021-11-26T06:22:19.0000005Z", "2021-11-26T06:22:19.0000015Z", "2021-11-26T06:22:19.1234565Z",
                "2021-11-26T06:22:19.9999995Z", "2021-11-26T06:22:19.999999999+05:45", "2021-11-26t06:22:19.25z",
                "2021-03-28T02:30:00+01:00:30", "1950-07-01T00:00:00.0000015-03:00");
        try (Database db = services.migratedDatabase(); Connection connection = db.dataSource().getConnection()) {
            try (Statement s = connection.createStatement()) {
                s.execute("create temp table times (text text, at timestamptz)");
            }
            BinaryCopy out = new BinaryCopy(0);
            for (String text : texts) {
                out.row(2).text(text).timestamptz(BinaryCopy.timestamptzMicros(text));
            }
            out.finish();
            var copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy times from stdin (format binary)");
            copy.writeToCopy(out.buffer(), 0, out.length());
            copy.endCopy();
            try (PreparedStatement q = connection.prepareStatement(
                    "select text, at, text::timestamptz from times where at is distinct from text::timestamptz");
                    ResultSet differing = q.executeQuery()) {
                List<String> wrong = new ArrayList<>();
                while (differing.next()) {
                    wrong.add(differing.getString(1) + ": copied " + differing.getString(2) + ", cast " + differing.getString(3));
                }
                assertThat(wrong).isEmpty();
            }
        }
    }

    private static List<String> rows(Database db, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }
}
