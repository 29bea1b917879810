package dev.orderservice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** {@link ByteSizeConverter}: a size is digits and at most one binary unit, nothing else. */
class SizesReadAsExactlyANumberAndAUnitTest {

    private final ByteSizeConverter converter = new ByteSizeConverter();

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource(delimiter = '|', value = {
            "268435456   | 268435456",
            "1           | 1",
            "512b        | 512",
            "512B        | 512",
            "64k         | 65536",
            "64K         | 65536",
            "64kb        | 65536",
            "64KB        | 65536",
            "64ki        | 65536",
            "64kib       | 65536",
            "64KiB       | 65536",
            "256m        | 268435456",
            "256MiB      | 268435456",
            "256 MiB     | 268435456",
            "'  256m  '  | 268435456",
            "1g          | 1073741824",
            "2GB         | 2147483648",
            "8589934591g | 9223372035781033984",
            "9223372036854775807 | 9223372036854775807"})
    void readsASize(String text, long bytes) {
        assertThat(converter.convert(text)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "''{0}'' is not a size")
    @ValueSource(strings = {"", " ", "k", "mb", "1b2i3", "b1", "i1", "1bi", "1ib", "1kk", "1kbi", "1kbb", "1t",
            "1.5g", "1,000", "-1", "+1", "1 2", "0x10", "1e3", "g1", "１２", "256 m b"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> converter.convert(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'" + text + "' is not a size; use e.g. 512m or 2g");
    }

    @ParameterizedTest(name = "''{0}'' overflows")
    @ValueSource(strings = {"9223372036854775808", "8589934592g", "9007199254740992m", "99999999999999999999k"})
    void refusesWhatOverflowsALong(String text) {
        assertThatThrownBy(() -> converter.convert(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'" + text + "' is not a size; use e.g. 512m or 2g");
    }

    @ParameterizedTest(name = "''{0}'' is empty")
    @ValueSource(strings = {"0", "0k", "000", "0GiB"})
    void refusesZero(String text) {
        assertThatThrownBy(() -> converter.convert(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'" + text + "' must be a positive size");
    }
}
