package dev.orderservice.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a size as a positive number of bytes: digits, then optionally a unit, case-insensitive.
 * The units are binary: {@code k}, {@code m}, {@code g} (each also as {@code kb}, {@code ki},
 * {@code kib}...), and {@code b} for plain bytes; so {@code 268435456}, {@code 256m},
 * {@code 256 MiB}, {@code 1g} and {@code 64KB} are sizes, while {@code 1b2i3}, {@code 1.5g} or
 * {@code -1} are not.
 */
public final class ByteSizeConverter implements ITypeConverter<Long> {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(?:([kmg])i?b?|b)?");

    @Override
    public Long convert(String value) {
        Matcher size = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!size.matches()) {
            throw notASize(value);
        }
        long unit = size.group(2) == null ? 1 : switch (size.group(2)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            default -> 1L << 30;
        };
        long bytes;
        try {
            bytes = Math.multiplyExact(Long.parseLong(size.group(1)), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw notASize(value);
        }
        if (bytes == 0) {
            throw new TypeConversionException("'" + value + "' must be a positive size");
        }
        return bytes;
    }

    private static TypeConversionException notASize(String value) {
        return new TypeConversionException("'" + value + "' is not a size; use e.g. 512m or 2g");
    }
}
