package dev.orderservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.store.Listings;
import java.time.Instant;
import org.eclipse.jetty.util.Fields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The console's search parameters (issue 15): each read into its filter, from/to as a date (its
 * start in UTC) or an instant with an offset; every malformed, unknown, repeated or empty one
 * refused with its own name, so the 400 can say which.
 */
class SearchParametersAreReadOrRefusedByNameTest {

    @Test
    void everyFilterIsReadWithThePaging() {
        var parsed = SearchQuery.orders(query("track_number=T1&customer_id=c1&phone=%2B7 (999) 12-34&"
                + "email=A%40B.example&from=2026-12-01&to=2026-12-02T10:00:00%2B03:00&limit=5&before=99"));
        assertThat(parsed.refusal()).isNull();
        assertThat(parsed.filter()).isEqualTo(new Listings.OrderFilter("T1", "c1", "+7 (999) 12-34", "A@B.example",
                Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-02T07:00:00Z")));
        assertThat(parsed.paging()).isEqualTo(new Cursors.Paging(5, 99L));
    }

    @Test
    void noParameterIsTheWholeListNewestFirst() {
        var parsed = SearchQuery.orders(new Fields());
        assertThat(parsed.filter()).isEqualTo(Listings.OrderFilter.NONE);
        assertThat(parsed.paging()).isEqualTo(new Cursors.Paging(Cursors.DEFAULT_LIMIT, null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-12-01                    | 2026-12-01T00:00:00Z
            2026-12-01T10:00:00Z          | 2026-12-01T10:00:00Z
            2026-12-01T10:00Z             | 2026-12-01T10:00:00Z
            2026-12-01T13:00:00+03:00     | 2026-12-01T10:00:00Z
            2026-12-01T13:00:00 03:00     | 2026-12-01T10:00:00Z
            2026-12-01T10:00:00.123456Z   | 2026-12-01T10:00:00.123456Z
            2026-12-01T05:00:00-05:00     | 2026-12-01T10:00:00Z
            """)
    void fromAndToAreADateOrAnInstantWithAnOffset(String text, String instant) {
        assertThat(SearchQuery.instant(text)).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', textBlock = """
            nosuch=1                                   | nosuch
            track=T1                                   | track
            track_number=                              | track_number
            customer_id=                               | customer_id
            email=                                     | email
            email=nobody                               | email
            email=%40example.com                       | email
            phone=                                     | phone
            phone=--                                   | phone
            phone=( ).                                 | phone
            from=                                      | from
            from=yesterday                             | from
            from=2026-13-01                            | from
            from=2026-12-01T10:00:00                   | from
            from=1764547200                            | from
            to=2026-02-30                              | to
            to=2026-12-01T25:00Z                       | to
            from=%2B300000-01-01T00:00:00Z             | from
            to=-0100-01-01T00:00:00Z                   | to
            from=2026-12-02&to=2026-12-01              | to
            from=2026-12-01&to=2026-12-01              | to
            limit=0                                    | limit
            limit=1000                                 | limit
            before=abc                                 | before
            limit=5&before=0                           | before
            email=a%40b&email=c%40d                    | email
            track_number=T1&customer_id=c1&oops=1      | oops
            """)
    void eachMalformedParameterIsRefusedByItsName(String raw, String parameter) {
        SearchQuery.Refusal refusal = SearchQuery.orders(query(raw)).refusal();
        assertThat(refusal).isNotNull();
        assertThat(refusal.parameter()).isEqualTo(parameter);
        assertThat(refusal.detail()).contains(parameter);
    }

    @Test
    void anOverlongValueIsRefused() {
        assertThat(SearchQuery.orders(query("track_number=" + "x".repeat(SearchQuery.MAX_VALUE_CHARS + 1)))
                .refusal().parameter()).isEqualTo("track_number");
    }

    @Test
    void theExportTakesTheFiltersButNoPaging() {
        assertThat(SearchQuery.export(query("customer_id=c1")).filter().customerId()).isEqualTo("c1");
        assertThat(SearchQuery.export(query("customer_id=c1&limit=5")).refusal().parameter()).isEqualTo("limit");
        assertThat(SearchQuery.export(query("before=5")).refusal().parameter()).isEqualTo("before");
    }

    @Test
    void rejectedMessagesFilterByAReasonCodeAndWhenReceived() {
        var parsed = SearchQuery.rejected(query("reason=malformed_json&from=2026-12-01&limit=3"));
        assertThat(parsed.filter()).isEqualTo(new Listings.RejectedFilter("malformed_json",
                Instant.parse("2026-12-01T00:00:00Z"), null));
        assertThat(parsed.paging()).isEqualTo(new Cursors.Paging(3, null));
        assertThat(SearchQuery.rejected(query("reason=MALFORMED_JSON")).refusal().parameter()).isEqualTo("reason");
        assertThat(SearchQuery.rejected(query("reason=")).refusal().parameter()).isEqualTo("reason");
        assertThat(SearchQuery.rejected(query("email=a%40b")).refusal().parameter()).isEqualTo("email");
        assertThat(SearchQuery.rejected(query("from=2026-12-02&to=2026-12-01")).refusal().parameter()).isEqualTo("to");
        assertThat(SearchQuery.reasons()).containsExactly("too_large", "malformed_json", "invalid_order", "conflict",
                "unstorable");
    }

    /** The query as Jetty decodes it for a route. */
    private static Fields query(String raw) {
        Fields fields = new Fields();
        org.eclipse.jetty.util.UrlEncoded.decodeUtf8To(raw, fields);
        return fields;
    }
}
