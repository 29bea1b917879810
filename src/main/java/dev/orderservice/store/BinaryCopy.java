package dev.orderservice.store;

import dev.orderservice.model.UsualTimestamp;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * The rows of one {@code copy ... from stdin (format binary)}, encoded in PostgreSQL's binary COPY
 * format for the few types the order tables use: {@code text}, {@code int4}, {@code int8},
 * {@code bytea} and {@code timestamptz}. Each value is written as PostgreSQL's own binary
 * {@code send} function would write it, so the server only checks and stores it: no parsing of
 * text, no casts.
 *
 * <p>The format: a signature, flags and header extension (both zero); then per row its number of
 * fields as int16 and each field as an int32 length ({@code -1} for null) followed by its bytes;
 * then int16 {@code -1}. All numbers are big-endian. A row must be given exactly as many fields,
 * in the table's column order of the {@code copy} statement, as that statement names.
 */
final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** PostgreSQL's epoch for timestamps, 2000-01-01T00:00:00Z, in seconds after the Unix one. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private byte[] bytes;
    private int length;
    private boolean finished;

    BinaryCopy(int expectedBytes) {
        bytes = new byte[Math.max(expectedBytes, 64)];
        write(SIGNATURE);
        int32(0); // flags: no OIDs
        int32(0); // no header extension
    }

    /** Starts a row of {@code fields} values. */
    BinaryCopy row(int fields) {
        int16(fields);
        return this;
    }

    /**
     * Text as UTF-8. (Writing ASCII chars in place instead of through {@code getBytes} measured no
     * better: the cost is reading the decoded strings, not converting them.)
     */
    BinaryCopy text(String value) {
        return value == null ? nul() : bytea(value.getBytes(StandardCharsets.UTF_8));
    }

    BinaryCopy int8(long value) {
        int32(8);
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
        return this;
    }

    /**
     * An {@code integer} column's value; out of its range is refused as PostgreSQL refuses it
     * (SQLSTATE 22003), rather than wrapped around.
     */
    BinaryCopy int4(long value) throws SQLException {
        if (value != (int) value) {
            throw new SQLException("integer out of range: " + value, "22003");
        }
        int32(4);
        int32((int) value);
        return this;
    }

    BinaryCopy bytea(byte[] value) {
        if (value == null) {
            return nul();
        }
        int32(value.length);
        write(value);
        return this;
    }

    /** A {@code timestamptz}: microseconds since PostgreSQL's epoch. */
    BinaryCopy timestamptz(long micros) {
        return int8(micros);
    }

    BinaryCopy nul() {
        int32(-1);
        return this;
    }

    /**
     * An ISO-8601 timestamp with offset (as validation accepts it) as {@code timestamptz}
     * microseconds, exactly as PostgreSQL's cast of the text gives them: it reads the fraction of
     * a second as a double ({@code strtod}) and rounds it to microseconds with {@code rint} (half
     * to even), which {@link Double#parseDouble} and {@link Math#rint} reproduce bit for bit.
     */
    static long timestamptzMicros(String isoOffsetDateTime) {
        long seconds = UsualTimestamp.epochSeconds(isoOffsetDateTime);
        if (seconds == UsualTimestamp.UNUSUAL) {
            seconds = OffsetDateTime.parse(isoOffsetDateTime, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toEpochSecond();
        }
        return (seconds - POSTGRES_EPOCH_SECONDS) * 1_000_000L
                + (long) Math.rint(fraction(isoOffsetDateTime) * 1_000_000);
    }

    /** The fraction of a second as written ({@code .123} of {@code 10:00:00.123Z}), or 0. */
    private static double fraction(String text) {
        int dot = text.indexOf('.', text.indexOf('T'));
        if (dot < 0) {
            return 0;
        }
        int end = dot + 1;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return Double.parseDouble("0" + text.substring(dot, end));
    }

    /** Ends the stream with its trailer; no row may be added after. */
    BinaryCopy finish() {
        if (!finished) {
            int16(-1);
            finished = true;
        }
        return this;
    }

    /** The encoded bytes, valid up to {@link #length()}; not a copy. */
    byte[] buffer() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Forgets the bytes encoded so far, once they are sent; the stream goes on where it was. */
    void clear() {
        length = 0;
    }

    /** The encoded bytes, a copy. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void int16(int value) {
        ensure(2);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    private void int32(int value) {
        ensure(4);
        bytes[length++] = (byte) (value >>> 24);
        bytes[length++] = (byte) (value >>> 16);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    private void write(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
    }

    private void ensure(int more) {
        if (finished) {
            throw new IllegalStateException("the copy stream is finished");
        }
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
