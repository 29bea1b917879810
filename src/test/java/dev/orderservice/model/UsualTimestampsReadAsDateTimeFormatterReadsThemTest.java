package dev.orderservice.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shortcut for the usual timestamp shape never disagrees with {@code DateTimeFormatter}: same seconds, or it steps aside. */
class UsualTimestampsReadAsDateTimeFormatterReadsThemTest {

    @Test
    void generatedTimestampsGiveTheFormattersSeconds() {
        Random random = new Random(16);
        for (int i = 0; i < 20_000; i++) {
            String text = String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d%s%s", 1970 + random.nextInt(8030),
                    1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24), random.nextInt(60),
                    random.nextInt(60), fraction(random), offset(random));
            assertThat(UsualTimestamp.epochSeconds(text)).as(text).isEqualTo(formatterSeconds(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-02-29T00:00:00Z", "2024-02-29T23:59:59.5-01:00", "2021-04-31T00:00:00Z",
            "2021-13-01T00:00:00Z", "2021-00-10T00:00:00Z", "2021-01-01T24:00:00Z", "2021-01-01T23:60:00Z",
            "2021-01-01T23:59:60Z", "2021-01-01t10:00:00Z", "2021-01-01T10:00:00z", "2021-01-01T10:00:00+01",
            "2021-01-01T10:00:00+01:00:30", "2021-01-01T10:00:00+18:00", "2021-01-01T10:00:00+18:01",
            "2021-01-01T10:00:00-00:00", "2021-01-01T10:00:00.Z", "2021-01-01T10:00:00.1234567891Z",
            "2021-01-01T1a:00:00Z", "+2021-01-01T10:00:00Z", "2021-01-01T10:00:00+01:60", "2021-01-01 10:00:00Z",
            "2021-01-01T10:00Z", "2021-01-01T10:00:00+0100", "2021-01-01T10:00:00Z "})
    void edgesAreTheFormattersOrLeftToIt(String text) {
        long seconds = UsualTimestamp.epochSeconds(text);
        if (seconds != UsualTimestamp.UNUSUAL) {
            assertThat(seconds).isEqualTo(formatterSeconds(text));
        }
    }

    @Test
    void theUsualShapesAreTakenByTheShortcut() {
        assertThat(UsualTimestamp.epochSeconds("2021-11-26T06:22:19Z")).isEqualTo(1_637_907_739L);
        assertThat(UsualTimestamp.epochSeconds("2021-11-26T09:22:19.123456+03:00")).isEqualTo(1_637_907_739L);
    }

    private static long formatterSeconds(String text) {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toEpochSecond();
    }

    private static String fraction(Random random) {
        int digits = random.nextInt(10);
        StringBuilder fraction = new StringBuilder(digits == 0 ? "" : ".");
        for (int i = 0; i < digits; i++) {
            fraction.append(random.nextInt(10));
        }
        return fraction.toString();
    }

    private static String offset(Random random) {
        if (random.nextInt(3) == 0) {
            return "Z";
        }
        int minutes = random.nextInt(18 * 60 + 1);
        return String.format(Locale.ROOT, "%s%02d:%02d", random.nextBoolean() ? "+" : "-", minutes / 60, minutes % 60);
    }
}
