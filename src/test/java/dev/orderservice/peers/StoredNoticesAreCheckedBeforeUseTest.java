package dev.orderservice.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.json.Json;
import dev.orderservice.store.Listings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Anything that can publish on the stored subject reaches every instance: a notice is used only
 * when it is exactly what an instance sends, so a stray or forged message cannot put a malformed
 * or oversized "order" into every browser's live feed, nor a null id into the filter.
 */
class StoredNoticesAreCheckedBeforeUseTest {

    private static Listings.OrderSummary summary(String uid) {
        return new Listings.OrderSummary(uid, "WBILMTESTTRACK", "test", "meest", "2021-11-26T06:22:19Z", 1817, "USD",
                1, Instant.parse("2026-12-01T10:00:00Z"));
    }

    private static byte[] json(Object value) throws Exception {
        return Json.mapper().writeValueAsBytes(value);
    }

    @Test
    void whatAnInstanceSendsIsRead() throws Exception {
        List<Listings.OrderSummary> sent = List.of(summary("a1"), summary("b2"));
        assertThat(PeerNotices.summaries(json(sent))).isEqualTo(sent);
        assertThat(PeerNotices.ids("a1\nb2".getBytes(StandardCharsets.UTF_8))).containsExactly("a1", "b2");
    }

    @Test
    void aNoticeIsWhatTheMapperWritesForItsSummaries() throws Exception {
        Instant now = Instant.parse("2026-12-01T20:31:07.123456789Z");
        List<Listings.OrderSummary> sent = List.of(summary("a1"),
                new Listings.OrderSummary("b2", "TRÄCK \"q\" \u2028", "ключ", "meest\n", "2021-11-26T06:22:19Z",
                        Long.MAX_VALUE, "€", 0, now),
                new Listings.OrderSummary("c3", "T", "c", "d", "2021-11-26T06:22:19Z", 0, "USD", 3, now),
                new Listings.OrderSummary("d4", "T", "c", "d", "2021-11-26T06:22:19Z", 7, "USD", 3,
                        Instant.parse("2026-12-01T20:31:08Z")));

        assertThat(new String(PeerNotices.notice(sent), StandardCharsets.UTF_8))
                .isEqualTo(new String(json(sent), StandardCharsets.UTF_8));
        assertThat(PeerNotices.summaries(PeerNotices.notice(sent))).isEqualTo(sent);
    }

    @Test
    void aNoticeNotOfThatShapeIsDroppedWhole() throws Exception {
        // members missing: the record would be read with nulls
        assertThat(PeerNotices.summaries("[{\"orderUid\":\"x1\"}]".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(PeerNotices.summaries("[{}]".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(PeerNotices.summaries("[null]".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(PeerNotices.summaries("[]".getBytes(StandardCharsets.UTF_8))).isNull();
        // an id no order can have, markup in it, a field longer than any stored one
        assertThat(PeerNotices.summaries(json(List.of(summary("<img src=x onerror=alert(1)>"))))).isNull();
        assertThat(PeerNotices.summaries(json(List.of(summary("ok1"), new Listings.OrderSummary("ok2", "T".repeat(
                PeerNotices.MAX_FIELD_CHARS + 1), "c", "d", "2021-11-26T06:22:19Z", 1, "USD", 1, Instant.EPOCH)))))
                .isNull();
        assertThat(PeerNotices.summaries(json(List.of(new Listings.OrderSummary("ok3", "T", "c", "d",
                "2021-11-26T06:22:19Z", -5, "USD", 1, Instant.EPOCH))))).isNull();
        // more summaries than a notice holds, more bytes than a notice is
        assertThat(PeerNotices.summaries(json(Collections.nCopies(PeerNotices.SUMMARIES_PER_NOTICE + 1,
                summary("many"))))).isNull();
        byte[] huge = new byte[PeerNotices.MAX_NOTICE_BYTES + 1];
        huge[0] = '[';
        assertThat(PeerNotices.summaries(huge)).isNull();
        // the id list of an older version: every line an order id, or nothing
        assertThat(PeerNotices.ids("a1\n\nb2".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(PeerNotices.ids("a1\n' or 1=1 --".getBytes(StandardCharsets.UTF_8))).isNull();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < PeerNotices.MAX_NOTICE_BYTES / 8; i++) {
            lines.add("id" + i + "abcdef");
        }
        assertThat(PeerNotices.ids(String.join("\n", lines).getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
