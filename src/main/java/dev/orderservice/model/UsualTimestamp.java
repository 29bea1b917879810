package dev.orderservice.model;

import java.time.LocalDate;

/**
 * The whole seconds of a timestamp in the shape publishers send, {@code 2021-11-26T06:22:19Z} or
 * {@code 2021-11-26T06:22:19.123+03:00}, read without {@code DateTimeFormatter} (which cost a
 * fifth of encoding a row for COPY, and a ninth of validating a message). Anything else, or any field out of its range, is
 * {@link #UNUSUAL} and left to {@code DateTimeFormatter}, so this only ever agrees with it.
 */
public final class UsualTimestamp {

    /** No usual timestamp: parse it the general way. */
    public static final long UNUSUAL = Long.MIN_VALUE;
    private static final int SECONDS_PER_DAY = 86_400;

    private UsualTimestamp() {
    }

    /** Seconds since the Unix epoch of {@code text}, the fraction of a second left out; or {@link #UNUSUAL}. */
    public static long epochSeconds(String text) {
        if (text.length() < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return UNUSUAL;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int end = 19;
        if (text.charAt(end) == '.') {
            end++;
            int fractionStart = end;
            while (end < text.length() && isDigit(text.charAt(end))) {
                end++;
            }
            if (end == fractionStart || end - fractionStart > 9) {
                return UNUSUAL;
            }
        }
        int offsetSeconds = offsetSeconds(text, end);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59
                || offsetSeconds == Integer.MIN_VALUE || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return UNUSUAL;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return days * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
    }

    /** {@code Z}, or {@code ±HH:MM} up to ±18:00, ending the text; else {@link Integer#MIN_VALUE}. */
    private static int offsetSeconds(String text, int at) {
        if (at == text.length() - 1 && text.charAt(at) == 'Z') {
            return 0;
        }
        if (at != text.length() - 6 || text.charAt(at + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        char sign = text.charAt(at);
        int hours = digits(text, at + 1, 2);
        int minutes = digits(text, at + 4, 2);
        if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || minutes > 59 || hours * 60 + minutes > 18 * 60) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3600 + minutes * 60;
        return sign == '+' ? seconds : -seconds;
    }

    /** The number written by {@code count} ASCII digits at {@code at}, or -1 if any is not one. */
    private static int digits(String text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
