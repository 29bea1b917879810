package dev.orderservice.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 from the JDK, for the three things the service fingerprints: an order's canonical JSON
 * (a redelivery told from a conflict), an API token (looked up by hash), and certificate files
 * (reloaded when their content changes). {@link #of} keeps one digest per thread: ingest hashes
 * every order and the selector thread every token, and a fresh {@code getInstance} each time is
 * a provider look-up per call.
 */
public final class Sha256 {

    private static final ThreadLocal<MessageDigest> PER_THREAD = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {
    }

    /** The hash of {@code bytes}. */
    public static byte[] of(byte[] bytes) {
        return PER_THREAD.get().digest(bytes);
    }

    /** A digest of its own, for a caller that feeds it in parts. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
