package dev.orderservice.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A password, token or other credential. Its {@link #toString()} is a mask, so a secret held in a
 * settings record or passed to a log call never prints; {@link #reveal()} is the one way to the
 * value, for the client that needs it. Equality runs in constant time, so comparing a presented
 * secret with a configured one says nothing about how much of it matched.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * @throws IllegalArgumentException when the value is null or empty: an empty secret is a
     *         configuration mistake, not a credential
     */
    public static Secret of(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a secret cannot be empty");
        }
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public char[] revealChars() {
        return value.toCharArray();
    }

    /** Constant-time comparison with a presented value. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(bytes(value), bytes(presented));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && matches(that.value);
    }

    /** The same for every secret: a hash would leak a little of the value into hash-based maps' timing and dumps. */
    @Override
    public int hashCode() {
        return Objects.hashCode(Secret.class);
    }

    @Override
    public String toString() {
        return Redaction.MASK;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
