package dev.orderservice.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.testing.JdkUtf8;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Utf8#firstInvalid} accepts exactly the well-formed UTF-8 of RFC 3629 and points at the
 * first byte of the first ill-formed sequence: overlong forms, surrogates, code points past
 * U+10FFFF, stray continuation bytes and sequences cut short are all refused, and everything
 * before the index it answers is well-formed.
 */
class Utf8IsStrictTest {

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            empty                                | ''                  | -1
            ASCII                                | 41 7A 00 7F         | -1
            U+0080, the first two-byte form      | C2 80               | -1
            U+07FF, the last two-byte form       | DF BF               | -1
            U+0800, the first three-byte form    | E0 A0 80            | -1
            U+D7FF, just below the surrogates    | ED 9F BF            | -1
            U+E000, just above the surrogates    | EE 80 80            | -1
            U+FFFF                               | EF BF BF            | -1
            U+10000, the first four-byte form    | F0 90 80 80         | -1
            U+10FFFF, the last code point        | F4 8F BF BF         | -1
            euro sign then emoji                 | E2 82 AC F0 9F 98 80 | -1
            overlong NUL                         | C0 80               | 0
            overlong A (Jackson reads it as A)   | C1 81               | 0
            overlong three-byte form of U+07FF   | E0 9F BF            | 0
            overlong four-byte form of U+FFFF    | F0 8F BF BF         | 0
            high surrogate U+D800 alone          | ED A0 80            | 0
            low surrogate U+DFFF alone           | ED BF BF            | 0
            surrogate pair as CESU-8             | ED A0 BD ED B8 80   | 0
            U+110000, past the last code point   | F4 90 80 80         | 0
            F5 cannot start a sequence           | F5 80 80 80         | 0
            FF is never UTF-8                    | FF                  | 0
            a lone continuation byte             | 80                  | 0
            a continuation byte after ASCII      | 41 80               | 1
            a two-byte form cut short            | 41 C3               | 1
            a three-byte form cut short          | 61 62 E2 82         | 2
            a four-byte form cut short           | F0 9F 98            | 0
            second byte not a continuation       | E2 28 A1            | 0
            third byte not a continuation        | E2 82 28            | 0
            fourth byte not a continuation       | F0 9F 98 41         | 0
            a lead byte where a continuation is  | C3 C3 A9            | 0
            valid text then an overlong form     | E2 82 AC C0 AF      | 3
            """)
    void firstInvalidPointsAtTheFirstIllFormedSequence(String what, String hex, int expected) {
        assertThat(Utf8.firstInvalid(bytes(hex))).as(what).isEqualTo(expected);
    }

    @Property
    void everyStringEncodedByJavaIsWellFormed(@ForAll String text) {
        assertThat(Utf8.firstInvalid(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    /** The JDK's decoder, set to report, is strict in the same way: the two agree on any bytes. */
    @Property(tries = 3000)
    void agreesWithTheJdkDecoderAndAllBeforeTheIndexIsWellFormed(@ForAll("nearlyUtf8") byte[] bytes) {
        int invalid = Utf8.firstInvalid(bytes);
        assertThat(invalid == -1).as(HexFormat.ofDelimiter(" ").formatHex(bytes)).isEqualTo(JdkUtf8.accepts(bytes));
        if (invalid >= 0) {
            assertThat(JdkUtf8.accepts(Arrays.copyOf(bytes, invalid))).isTrue();
        }
    }

    /** The same behind ASCII runs of any length, which are checked eight bytes at a time. */
    @Property(tries = 3000)
    void agreesWithTheJdkDecoderBehindAsciiRuns(@ForAll("nearlyUtf8") byte[] bytes,
            @ForAll @IntRange(max = 40) int before, @ForAll @IntRange(max = 20) int after) {
        byte[] padded = new byte[before + bytes.length + after];
        Arrays.fill(padded, (byte) 'a');
        System.arraycopy(bytes, 0, padded, before, bytes.length);
        agreesWithTheJdkDecoderAndAllBeforeTheIndexIsWellFormed(padded);
    }

    /** Encoded text with a few bytes replaced, cut or inserted: mostly near the boundaries that matter. */
    @Provide
    Arbitrary<byte[]> nearlyUtf8() {
        Arbitrary<byte[]> text = Arbitraries.strings().ofMaxLength(12).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<Integer> damage = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> where = Arbitraries.integers().between(0, 40);
        Arbitrary<Byte> by = Arbitraries.of((byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC1, (byte) 0xC2,
                (byte) 0xE0, (byte) 0xED, (byte) 0xEF, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF,
                (byte) 0x9F, (byte) 0xA0, (byte) 0x8F, (byte) 0x90, (byte) 0x41);
        return Combinators.combine(text, damage, where, by).as(Utf8IsStrictTest::damaged);
    }

    private static byte[] damaged(byte[] text, int damage, int where, byte by) {
        if (text.length == 0) {
            return new byte[] {by};
        }
        int at = where % text.length;
        return switch (damage) {
            case 0 -> text;
            case 1 -> {
                byte[] replaced = text.clone();
                replaced[at] = by;
                yield replaced;
            }
            case 2 -> Arrays.copyOf(text, at);
            default -> {
                byte[] inserted = new byte[text.length + 1];
                System.arraycopy(text, 0, inserted, 0, at);
                inserted[at] = by;
                System.arraycopy(text, at, inserted, at + 1, text.length - at);
                yield inserted;
            }
        };
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
