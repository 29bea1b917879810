package dev.orderservice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** {@link DurationConverter}: a whole number and one unit, or ISO-8601, or 0. */
class DurationsReadAsANumberAndAUnitTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsEachUnit() {
        assertThat(converter.convert("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(converter.convert("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(converter.convert("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(converter.convert(" 10S ")).isEqualTo(Duration.ofSeconds(10));
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("PT2H")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("0")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "1.5h", "-3d", "3 weeks", "d"})
    void refusesAnythingElseInOneSentence(String text) {
        assertThatThrownBy(() -> converter.convert(text)).isInstanceOf(TypeConversionException.class)
                .hasMessage("'" + text + "' is not a duration; use e.g. 30d, 12h, 15m or 10s");
    }
}
