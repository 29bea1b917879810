package dev.orderservice;

import ch.qos.logback.core.PropertyDefinerBase;
import java.util.Locale;

/**
 * How log lines look, from {@code ORDERS_LOG_FORMAT}: {@code text} (the default) for people,
 * {@code json} (one JSON object per line) for log collectors. {@code logback.xml} picks its
 * appender through {@link Definer}; the service refuses to start on any other value rather than
 * log in a format nobody asked for.
 */
enum LogFormat {
    TEXT, JSON;

    static final String ENV = "ORDERS_LOG_FORMAT";

    /** The configured format; unset or blank means text. */
    static LogFormat fromEnvironment() throws StartupException {
        LogFormat format = parse(System.getenv(ENV));
        if (format == null) {
            throw new StartupException(ENV + " must be text or json, is '" + System.getenv(ENV) + "'");
        }
        return format;
    }

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null when the value names no format. */
    static LogFormat parse(String value) {
        if (value == null || value.isBlank()) {
            return TEXT;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> null;
        };
    }

    /**
     * Gives logback the appender's name ({@code text} or {@code json}). An unknown value logs as
     * text, so the one line saying it is wrong is still readable.
     */
    public static final class Definer extends PropertyDefinerBase {
        @Override
        public String getPropertyValue() {
            LogFormat format = parse(System.getenv(ENV));
            return (format == null ? TEXT : format).code();
        }
    }
}
