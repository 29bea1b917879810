package dev.orderservice.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration as a whole number and one unit: {@code ms}, {@code s}, {@code m}, {@code h} or
 * {@code d} ({@code 30d}, {@code 12h}, {@code 90s}), case-insensitive; {@code 0} alone means "no
 * limit" where a setting allows it. ISO-8601 ({@code PT12H}, {@code P30D}) is read too.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher duration = DURATION.matcher(text);
        try {
            if (!duration.matches()) {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            }
            long amount = Long.parseLong(duration.group(1));
            return switch (duration.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (RuntimeException e) {
            throw new TypeConversionException("'" + value + "' is not a duration; use e.g. 30d, 12h, 15m or 10s");
        }
    }
}
