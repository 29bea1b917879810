package dev.orderservice.testing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The JDK's UTF-8 decoder set to report, not replace: strict in the same way as RFC 3629 (no
 * overlong forms, no surrogates, nothing past U+10FFFF), so tests use it as the reference answer.
 */
public final class JdkUtf8 {

    private JdkUtf8() {
    }

    /** Whether the bytes are well-formed UTF-8 as a whole. */
    public static boolean accepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
