package dev.orderservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.eclipse.jetty.util.Fields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The paging parameters of the listings: {@code limit} 1 to {@value Cursors#MAX_LIMIT} (default
 * {@value Cursors#DEFAULT_LIMIT}) and {@code before}, a positive cursor of at most 19 digits; any
 * other value, empty, signed below one, fractional, too long or overflowing, is refused (the
 * route answers 400), and unknown parameters are ignored.
 */
class CursorsReadPagingOrRefuseItTest {

    @ParameterizedTest(name = "limit={0} before={1} -> {2}, {3}")
    @CsvSource(delimiter = '|', nullValues = "absent", textBlock = """
            absent  | absent              | 20  | absent
            1       | absent              | 1   | absent
            100     | absent              | 100 | absent
            5       | 7                   | 5   | 7
            absent  | 1                   | 20  | 1
            absent  | 9223372036854775807 | 20  | 9223372036854775807
            """)
    void wellFormedPagingIsRead(String limit, String before, int expectedLimit, Long expectedBefore) {
        assertThat(Cursors.of(query(limit, before))).contains(new Cursors.Paging(expectedLimit, expectedBefore));
    }

    @ParameterizedTest(name = "limit={0} before={1}")
    @CsvSource(delimiter = '|', nullValues = "absent", textBlock = """
            0                      | absent
            101                    | absent
            -1                     | absent
            ''                     | absent
            ' 5'                   | absent
            5.0                    | absent
            1e2                    | absent
            ten                    | absent
            2147483648             | absent
            99999999999999999999   | absent
            absent                 | 0
            absent                 | -3
            absent                 | ''
            absent                 | abc
            absent                 | 12abc
            absent                 | 1.5
            absent                 | 0x10
            absent                 | 9223372036854775808
            absent                 | 00000000000000000001
            absent                 | 99999999999999999999999999999999999999999
            0                      | 5
            5                      | 0
            """)
    void malformedPagingIsRefused(String limit, String before) {
        assertThat(Cursors.of(query(limit, before))).isEqualTo(Optional.empty());
    }

    @Test
    void unknownParametersAreIgnored() {
        Fields query = query("3", null);
        query.add("after", "nonsense");
        assertThat(Cursors.of(query)).contains(new Cursors.Paging(3, null));
    }

    private static Fields query(String limit, String before) {
        Fields query = new Fields();
        if (limit != null) {
            query.add("limit", limit);
        }
        if (before != null) {
            query.add("before", before);
        }
        return query;
    }
}
