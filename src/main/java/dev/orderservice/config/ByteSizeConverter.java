package dev.orderservice.config;

import java.util.Locale;
import picocli.CommandLine;

/** Reads sizes such as {@code 268435456}, {@code 256m}, {@code 1g} or {@code 64k} as a number of bytes. */
public final class ByteSizeConverter implements CommandLine.ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT).replace("b", "").replace("i", "");
        if (text.isEmpty()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a size; use e.g. 512m or 2g");
        }
        long unit = switch (text.charAt(text.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        String digits = unit == 1 ? text : text.substring(0, text.length() - 1);
        try {
            long bytes = Math.multiplyExact(Long.parseLong(digits.trim()), unit);
            if (bytes <= 0) {
                throw new CommandLine.TypeConversionException("'" + value + "' must be a positive size");
            }
            return bytes;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a size; use e.g. 512m or 2g");
        }
    }
}
