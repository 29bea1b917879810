package dev.orderservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.store.Listings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code /api/rejected} shows of a payload: one line of text, at most
 * {@value RejectedRoutes#PREVIEW_CHARS} characters, control characters and unpaired surrogates
 * replaced by U+FFFD, never half a character; marked truncated when the payload or its text goes
 * on; and marked UTF-8 when its stored head is well-formed, where a character that the cut at the
 * end of a longer payload's head split in two is not held against it.
 */
class RejectedPreviewIsPrintableCappedTextTest {

    private static final int MAX = RejectedRoutes.PREVIEW_CHARS;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty                          | ''                | ''                 | true
            plain text                     | 68 69             | hi                 | true
            NUL, tab, newline, DEL         | 61 00 09 0A 7F 62 | a\uFFFD\uFFFD\uFFFD\uFFFDb | true
            C1 control U+0085              | 61 C2 85          | a\uFFFD            | true
            multi-byte text                | D0 B6 E2 82 AC F0 9F 98 80 | \u0436\u20AC\uD83D\uDE00 | true
            a byte that is never UTF-8     | 61 FF             | a\uFFFD            | false
            an overlong slash              | C0 AF             | \uFFFD\uFFFD       | false
            a surrogate's three bytes      | ED A0 80          | \uFFFD             | false
            a payload that ends mid-character | 61 E2 82       | a\uFFFD            | false
            """)
    void aWholePayloadIsShownAsPrintableText(String what, String hex, String preview, boolean utf8) {
        byte[] payload = HexFormat.of().parseHex(hex.replace(" ", ""));
        RejectedRoutes.RejectedView view = RejectedRoutes.view(message(payload, payload.length));
        assertThat(view.preview()).as(what).isEqualTo(preview);
        assertThat(view.payloadIsUtf8()).as(what).isEqualTo(utf8);
        assertThat(view.previewTruncated()).as(what).isFalse();
        assertThat(view.payloadBytes()).isEqualTo(payload.length);
    }

    @ParameterizedTest(name = "{0} characters -> {1}, truncated {2}")
    @CsvSource({"511, 511, false", "512, 512, false", "513, 512, true", "4096, 512, true"})
    void thePreviewIsCappedAndSaysSo(int chars, int shown, boolean truncated) {
        byte[] payload = "x".repeat(chars).getBytes(StandardCharsets.UTF_8);
        RejectedRoutes.RejectedView view = RejectedRoutes.view(message(payload, payload.length));
        assertThat(view.preview()).hasSize(shown);
        assertThat(view.previewTruncated()).isEqualTo(truncated);
    }

    @Test
    void aPayloadLongerThanItsHeadIsTruncatedEvenWhenItsPreviewIsShort() {
        byte[] head = "short".getBytes(StandardCharsets.UTF_8);
        RejectedRoutes.RejectedView view = RejectedRoutes.view(message(head, 100_000));
        assertThat(view.preview()).isEqualTo("short");
        assertThat(view.previewTruncated()).isTrue();
        assertThat(view.payloadBytes()).isEqualTo(100_000);
    }

    @ParameterizedTest(name = "{0} x before an emoji")
    @CsvSource({"510, 512", "511, 511"})
    void theCapNeverSplitsASurrogatePair(int before, int shown) {
        byte[] payload = ("x".repeat(before) + "\uD83D\uDE00" + "tail").getBytes(StandardCharsets.UTF_8);
        String preview = RejectedRoutes.view(message(payload, payload.length)).preview();
        assertThat(preview).hasSize(shown).doesNotEndWith("\uD83D");
        assertThat(unpairedSurrogates(preview)).isZero();
    }

    @ParameterizedTest(name = "the head ends with {0}")
    @CsvSource(delimiter = '|', textBlock = """
            the first byte of a two-byte character    | C3       | true
            two bytes of a three-byte character       | E2 82    | true
            three bytes of a four-byte character      | F0 9F 98 | true
            a whole character                         | C3 A9    | true
            an overlong form's first two bytes        | E0 80    | false
            a byte that is never UTF-8                | FF       | false
            a stray continuation byte                 | 80       | false
            """)
    void aCharacterCutByTheHeadOfALongerPayloadIsNotCountedAsIllFormed(String what, String end, boolean utf8) {
        byte[] tail = HexFormat.of().parseHex(end.replace(" ", ""));
        byte[] head = Arrays.copyOf("y".repeat(4096 - tail.length).getBytes(StandardCharsets.UTF_8), 4096);
        System.arraycopy(tail, 0, head, 4096 - tail.length, tail.length);
        RejectedRoutes.RejectedView view = RejectedRoutes.view(message(head, 6000));
        assertThat(view.payloadIsUtf8()).as(what).isEqualTo(utf8);
        assertThat(view.previewTruncated()).isTrue();
    }

    @Test
    void printableReplacesUnpairedSurrogatesAndKeepsPairs() {
        assertThat(RejectedRoutes.printable("a\uD800b\uDC00c\uD83D\uDE00\uDE00\uD83D"))
                .isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDE00\uFFFD\uFFFD");
    }

    @Property(tries = 500)
    void anyPayloadGivesOneLineOfWholeCharactersWithinTheCap(@ForAll @Size(max = 1200) byte[] head,
            @ForAll boolean longer) {
        RejectedRoutes.RejectedView view = RejectedRoutes.view(message(head, head.length + (longer ? 1 : 0)));
        String preview = view.preview();
        assertThat(preview.length()).isLessThanOrEqualTo(MAX);
        assertThat(preview.chars().filter(Character::isISOControl)).isEmpty();
        assertThat(unpairedSurrogates(preview)).isZero();
        if (longer) {
            assertThat(view.previewTruncated()).isTrue();
        }
    }

    private static Listings.RejectedMessage message(byte[] head, int payloadBytes) {
        return new Listings.RejectedMessage(1, "malformed_json", "not JSON", null, payloadBytes, head, Instant.EPOCH);
    }

    private static long unpairedSurrogates(String text) {
        return text.codePoints().filter(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE).count();
    }
}
