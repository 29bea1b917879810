package dev.orderservice.validation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 well-formedness (RFC 3629): no overlong forms, no surrogates, nothing past
 * U+10FFFF. Jackson decodes some ill-formed sequences instead of refusing them (the overlong
 * {@code C1 81} becomes "A"), so without this check a message could be stored as text it never
 * contained, and the service would serve back bytes it never received.
 */
final class Utf8 {

    /** Eight bytes at a time: most of a message is ASCII, and eight ASCII bytes need one test. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private Utf8() {
    }

    /** The index of the first byte of an ill-formed sequence, or -1 when all bytes are well-formed. */
    static int firstInvalid(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            if (i <= bytes.length - Long.BYTES && ((long) WORDS.get(bytes, i) & HIGH_BITS) == 0) {
                i += Long.BYTES;
                continue;
            }
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int length = sequenceLength(lead);
            if (length == 0 || i + length > bytes.length || !secondByteFits(lead, bytes[i + 1] & 0xFF)) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                if (!isContinuation(bytes[i + k] & 0xFF)) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }

    /** 0 for a byte that cannot start a sequence: a continuation byte, C0, C1 (overlong) or F5-FF. */
    private static int sequenceLength(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 4;
        }
        return 0;
    }

    /** The second byte's range depends on the lead: that is where overlong forms and surrogates are ruled out. */
    private static boolean secondByteFits(int lead, int second) {
        return switch (lead) {
            case 0xE0 -> second >= 0xA0 && second <= 0xBF;
            case 0xED -> second >= 0x80 && second <= 0x9F;
            case 0xF0 -> second >= 0x90 && second <= 0xBF;
            case 0xF4 -> second >= 0x80 && second <= 0x8F;
            default -> isContinuation(second);
        };
    }

    private static boolean isContinuation(int b) {
        return b >= 0x80 && b <= 0xBF;
    }
}
