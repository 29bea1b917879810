package dev.orderservice.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.validation.MessageDecoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's search against a real PostgreSQL (issue 15): each filter alone and combined,
 * newest stored first, e-mail and phone compared normalised on both sides, from inclusive and to
 * exclusive on date_created whatever offset it was published with, and paging through a result
 * of several pages with no order twice and none left out.
 */
class SearchFindsOrdersByEachFilterIT {

    @RegisterExtension
    static final RealServices services = RealServices.postgresOnly();
    private static final MessageDecoder DECODER = new MessageDecoder(256 * 1024);
    private static Database db;
    private static Listings listings;

    /**
     * 60 orders, stored in order s0..s59: customer cN for N = i % 3, track T(i % 10), phone and
     * e-mail of customer c1 written in three ways, date_created one hour apart from 2026-11-30T00:00Z
     * (every fourth published with a +03:00 offset, the same instant).
     */
    @BeforeAll
    static void storeOrders() throws Exception {
        db = services.migratedDatabase();
        listings = new Listings(db.dataSource());
        OrderWriter writer = new OrderWriter(db.dataSource());
        for (int i = 0; i < 60; i++) {
            writer.write(List.of(message(i)));
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static PendingMessage message(int i) {
        ObjectNode order = SampleOrders.withUid("s" + i);
        String track = "T" + (i % 10);
        order.put("track_number", track);
        order.withArray("items").forEach(item -> ((ObjectNode) item).put("track_number", track));
        order.put("customer_id", "c" + (i % 3));
        Instant created = Instant.parse("2026-11-30T00:00:00Z").plusSeconds(3600L * i);
        order.put("date_created", i % 4 == 0 ? created.atOffset(java.time.ZoneOffset.ofHours(3)).toString()
                : created.toString());
        ObjectNode delivery = (ObjectNode) order.get("delivery");
        if (i % 3 == 1) {
            String[] phones = {"+7 (999) 123-45-67", "+7.999.123.45.67", "+79991234567"};
            String[] emails = {"Anna@Example.COM", "anna@example.com", "ANNA@EXAMPLE.COM"};
            delivery.put("phone", phones[i % phones.length]);
            delivery.put("email", emails[i % emails.length]);
        } else {
            delivery.put("phone", "+1 555 000 " + i);
            delivery.put("email", "other" + i + "@example.org");
        }
        byte[] bytes = SampleOrders.bytes(order);
        return new PendingMessage("k" + i, bytes, DECODER.decode(bytes));
    }

    private static List<String> search(Listings.OrderFilter filter) throws Exception {
        return listings.orders(filter, null, 100).items().stream().map(Listings.OrderSummary::orderUid).toList();
    }

    /** The ids of s0..s59 that match, newest stored first. */
    private static List<String> expected(java.util.function.IntPredicate matches) {
        List<String> ids = new ArrayList<>();
        for (int i = 59; i >= 0; i--) {
            if (matches.test(i)) {
                ids.add("s" + i);
            }
        }
        return ids;
    }

    private static Listings.OrderFilter filter(String track, String customer, String phone, String email,
            String from, String to) {
        return new Listings.OrderFilter(track, customer, phone, email, from == null ? null : Instant.parse(from),
                to == null ? null : Instant.parse(to));
    }

    @Test
    void eachFilterAloneFindsItsOrdersNewestFirst() throws Exception {
        assertThat(search(filter("T3", null, null, null, null, null))).isEqualTo(expected(i -> i % 10 == 3));
        assertThat(search(filter(null, "c2", null, null, null, null))).isEqualTo(expected(i -> i % 3 == 2));
        assertThat(search(filter(null, null, "+79991234567", null, null, null))).isEqualTo(expected(i -> i % 3 == 1));
        assertThat(search(filter(null, null, null, "anna@example.com", null, null)))
                .isEqualTo(expected(i -> i % 3 == 1));
        assertThat(search(filter(null, null, null, null, "2026-11-30T10:00:00Z", null))).isEqualTo(expected(i -> i >= 10));
        assertThat(search(filter(null, null, null, null, null, "2026-11-30T10:00:00Z"))).isEqualTo(expected(i -> i < 10));
        assertThat(search(Listings.OrderFilter.NONE)).isEqualTo(expected(i -> true));
    }

    @Test
    void filtersCombineWithAnd() throws Exception {
        assertThat(search(filter("T4", "c1", null, null, null, null))).isEqualTo(expected(i -> i % 10 == 4 && i % 3 == 1));
        assertThat(search(filter(null, "c1", null, "ANNA@example.com", "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z")))
                .isEqualTo(expected(i -> i % 3 == 1 && i >= 24 && i < 48));
        assertThat(search(filter("T1", "c1", "+7 999 1234567", "anna@example.com", "2026-11-30T00:00:00Z",
                "2026-12-03T00:00:00Z"))).isEqualTo(expected(i -> i % 10 == 1 && i % 3 == 1));
        assertThat(search(filter("T1", "c0", null, null, null, null))).isEqualTo(expected(i -> i % 10 == 1 && i % 3 == 0));
        assertThat(search(filter("T1", "c2", null, "anna@example.com", null, null))).isEmpty();
        assertThat(search(filter("nosuch", null, null, null, null, null))).isEmpty();
    }

    @Test
    void emailCaseAndPhonePunctuationDoNotMatterOnEitherSide() throws Exception {
        List<String> anna = expected(i -> i % 3 == 1);
        for (String email : new String[] {"anna@example.com", "Anna@Example.Com", "ANNA@EXAMPLE.COM"}) {
            assertThat(search(filter(null, null, null, email, null, null))).as(email).isEqualTo(anna);
        }
        for (String phone : new String[] {"+79991234567", "+7 999 123 45 67", "+7 (999) 123-45-67", "+7.999.123.45.67",
                "+7-999-1234567"}) {
            assertThat(search(filter(null, null, phone, null, null, null))).as(phone).isEqualTo(anna);
        }
        // the leading + is part of the number
        assertThat(search(filter(null, null, "79991234567", null, null, null))).isEmpty();
        assertThat(search(filter(null, null, null, "anna@example.co", null, null))).isEmpty();
    }

    @Test
    void fromIsInclusiveAndToExclusiveWhateverTheOffsetItWasPublishedWith() throws Exception {
        // s4 was published as 2026-11-30T07:00+03:00, i.e. 04:00Z
        assertThat(search(filter(null, null, null, null, "2026-11-30T04:00:00Z", "2026-11-30T05:00:00Z")))
                .containsExactly("s4");
        assertThat(search(filter(null, null, null, null, "2026-11-30T03:00:00Z", "2026-11-30T04:00:00Z")))
                .containsExactly("s3");
        assertThat(search(filter(null, null, null, null, "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z")))
                .isEqualTo(expected(i -> i >= 24 && i < 48));
    }

    @Test
    void pagingThroughASearchOfSeveralPagesSeesEachOrderOnce() throws Exception {
        for (Listings.OrderFilter f : List.of(filter(null, "c1", null, null, null, null),
                filter(null, null, null, "anna@example.com", null, null),
                filter(null, null, null, null, "2026-11-30T05:00:00Z", "2026-12-02T05:00:00Z"),
                Listings.OrderFilter.NONE)) {
            List<String> seen = new ArrayList<>();
            Long before = null;
            int pages = 0;
            do {
                Page<Listings.OrderSummary> page = listings.orders(f, before, 7);
                assertThat(page.items()).hasSizeLessThanOrEqualTo(7);
                page.items().forEach(o -> seen.add(o.orderUid()));
                before = page.next();
                pages++;
            } while (before != null);
            assertThat(pages).as(f.toString()).isGreaterThan(2);
            assertThat(seen).as(f.toString()).isEqualTo(search(f)).doesNotHaveDuplicates();
        }
    }

    @Test
    void theListShowsTheItemCountKeptInTheRow() throws Exception {
        JsonNode model = SampleOrders.model();
        Set<Integer> counts = new HashSet<>();
        for (Listings.OrderSummary o : listings.orders(Listings.OrderFilter.NONE, null, 100).items()) {
            counts.add(o.itemCount());
        }
        assertThat(counts).containsExactly(model.get("items").size());
        try (Database other = services.migratedDatabase()) {
            byte[] bytes = SampleOrders.bytes(SampleOrders.withItems("items5", 5));
            new OrderWriter(other.dataSource()).write(List.of(new PendingMessage("items5", bytes,
                    DECODER.decode(bytes))));
            assertThat(new Listings(other.dataSource()).orders(null, 1).items()).singleElement()
                    .extracting(Listings.OrderSummary::itemCount).isEqualTo(5);
        }
    }

    /** PostgreSQL's plan of a search as Listings runs it (seq scans off: the table is small). */
    private static String plan(Listings.OrderFilter filter) throws Exception {
        List<Object> values = new ArrayList<>();
        String sql = Listings.orderQuery(filter, values);
        try (java.sql.Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (java.sql.Statement set = c.createStatement()) {
                set.execute("analyze orders");
                set.execute("set local enable_seqscan = off");
            }
            try (java.sql.PreparedStatement explain = c.prepareStatement("explain " + sql)) {
                explain.setLong(1, Long.MAX_VALUE);
                for (int i = 0; i < values.size(); i++) {
                    explain.setObject(i + 2, values.get(i));
                }
                explain.setInt(values.size() + 2, 101);
                StringBuilder plan = new StringBuilder();
                try (java.sql.ResultSet r = explain.executeQuery()) {
                    while (r.next()) {
                        plan.append(r.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            } finally {
                c.rollback();
            }
        }
    }

    /** The query's expressions are the indexes' (V21), or the index is never used. */
    @Test
    void eachFilterIsAnsweredFromItsIndex() throws Exception {
        assertThat(plan(filter("T3", null, null, null, null, null))).contains("orders_track_number_seq");
        assertThat(plan(filter(null, "c2", null, null, null, null))).contains("orders_customer_id_seq");
        assertThat(plan(filter(null, null, null, "Anna@Example.com", null, null))).contains("orders_delivery_email_lower");
        assertThat(plan(filter(null, null, "+7 (999) 123-45-67", null, null, null))).contains("orders_delivery_phone_plain");
    }
}
