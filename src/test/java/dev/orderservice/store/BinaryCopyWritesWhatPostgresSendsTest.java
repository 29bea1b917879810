package dev.orderservice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each value is encoded as PostgreSQL's binary {@code send} function of its type writes it (the
 * expected bytes are those the server sends for {@code copy (select ...) to stdout (format binary)}),
 * framed as a field: an int32 length, then the bytes.
 */
class BinaryCopyWritesWhatPostgresSendsTest {

    private static final String HEADER = "5047434f50590aff0d0a00" + "00000000" + "00000000";

    @FunctionalInterface
    interface Encoding {
        void write(BinaryCopy out) throws SQLException;
    }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("text", (Encoding) out -> out.text("abc"), "00000003" + "616263"),
                Arguments.of("empty text", (Encoding) out -> out.text(""), "00000000"),
                Arguments.of("text in UTF-8", (Encoding) out -> out.text("é€"), "00000005" + "c3a9e282ac"),
                Arguments.of("ASCII, then not", (Encoding) out -> out.text("ab\u00ff"), "00000004" + "6162c3bf"),
                Arguments.of("a supplementary character", (Encoding) out -> out.text("a\uD83D\uDE00"), "00000005" + "61f09f9880"),
                Arguments.of("null text", (Encoding) out -> out.text(null), "ffffffff"),
                Arguments.of("int8 zero", (Encoding) out -> out.int8(0), "00000008" + "0000000000000000"),
                Arguments.of("int8", (Encoding) out -> out.int8(0x0102030405060708L), "00000008" + "0102030405060708"),
                Arguments.of("int8 negative", (Encoding) out -> out.int8(-2), "00000008" + "fffffffffffffffe"),
                Arguments.of("int8 maximum", (Encoding) out -> out.int8(Long.MAX_VALUE), "00000008" + "7fffffffffffffff"),
                Arguments.of("int4", (Encoding) out -> out.int4(100), "00000004" + "00000064"),
                Arguments.of("int4 minimum", (Encoding) out -> out.int4(Integer.MIN_VALUE), "00000004" + "80000000"),
                Arguments.of("bytea", (Encoding) out -> out.bytea(new byte[] {0, (byte) 0xff}), "00000002" + "00ff"),
                Arguments.of("null bytea", (Encoding) out -> out.bytea(null), "ffffffff"),
                Arguments.of("timestamptz at PostgreSQL's epoch", (Encoding) out -> out.timestamptz(0), "00000008" + "0000000000000000"),
                Arguments.of("timestamptz", (Encoding) out -> out.timestamptz(
                        BinaryCopy.timestamptzMicros("2000-01-01T00:00:01.5Z")), "00000008" + "000000000016e360"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void eachValueIsFramedAsTheServerSendsIt(String name, Encoding encoding, String field) throws SQLException {
        BinaryCopy out = new BinaryCopy(0);
        out.row(1);
        encoding.write(out);
        assertThat(hex(out.finish())).isEqualTo(HEADER + "0001" + field + "ffff");
    }

    static Stream<Arguments> timestamps() {
        return Stream.of(
                Arguments.of("2000-01-01T00:00:00Z", 0L),
                Arguments.of("2000-01-01T01:00:00+01:00", 0L),
                Arguments.of("1999-12-31T23:59:59Z", -1_000_000L),
                Arguments.of("2021-11-26T06:22:19Z", 691_222_939_000_000L),
                Arguments.of("2021-11-26T06:22:19.123456Z", 691_222_939_123_456L),
                Arguments.of("2021-11-26T09:22:19.1+03:00", 691_222_939_100_000L),
                Arguments.of("2021-11-26T06:22:19.0000004Z", 691_222_939_000_000L),
                Arguments.of("2021-11-26T06:22:19.0000006Z", 691_222_939_000_001L),
                Arguments.of("2021-11-26T06:22:19.9999996Z", 691_222_940_000_000L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timestamps")
    void timestampsAreMicrosecondsSincePostgresEpoch(String text, long micros) {
        assertThat(BinaryCopy.timestamptzMicros(text)).isEqualTo(micros);
    }

    @Test
    void rowsAreCountedFieldsAndTheStreamEndsWithMinusOne() throws SQLException {
        BinaryCopy out = new BinaryCopy(0);
        out.row(2).int4(1).text("a");
        out.row(2).int4(2).nul();
        assertThat(hex(out.finish())).isEqualTo(HEADER
                + "0002" + "00000004" + "00000001" + "00000001" + "61"
                + "0002" + "00000004" + "00000002" + "ffffffff"
                + "ffff");
    }

    @Test
    void aClearedStreamGoesOnWithoutItsHeader() throws SQLException {
        BinaryCopy out = new BinaryCopy(0);
        out.row(1).int4(7);
        out.clear();
        out.row(1).int4(8);
        assertThat(hex(out.finish())).isEqualTo("0001" + "00000004" + "00000008" + "ffff");
    }

    @Test
    void anIntegerOutOfRangeIsRefusedAsPostgresRefusesIt() {
        assertThatThrownBy(() -> new BinaryCopy(0).row(1).int4(1L << 31))
                .isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");
    }

    private static String hex(BinaryCopy out) {
        return HexFormat.of().formatHex(out.toByteArray());
    }
}
