package dev.orderservice.access;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The web page's sign-ins: a token presented once ({@code POST /api/session}) becomes a session
 * whose id, 256 random bits, travels in an HttpOnly, Secure, SameSite=Strict cookie. The page
 * needs this because EventSource cannot send an Authorization header, and a token kept in page
 * script or storage would be readable by any script that ever ran there.
 *
 * <p>Invariants: the map holds principals, never tokens. A session ends at {@link #MAX_AGE}, at
 * its JWT's expiry if sooner, or at sign-out. A session of an API token is checked against the
 * tokens file on every use, by the token's hash, so revoking the token (or changing its scopes)
 * applies to its sessions at once. At most {@link #MAX_SESSIONS} live at a time.
 */
final class Sessions {

    static final Duration MAX_AGE = Duration.ofHours(8);
    static final int MAX_SESSIONS = 10_000;
    private static final int ID_BYTES = 32;

    /**
     * @param principal who signed in
     * @param tokenHash the SHA-256 of the API token it signed in with, or null for a JWT
     * @param expiresAt when the session ends
     */
    private record Session(Principal principal, byte[] tokenHash, Instant expiresAt) {
    }

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    /** Starts a session and answers its id, or null when there are too many already. */
    String open(Principal principal, byte[] tokenHash) {
        prune();
        if (sessions.size() >= MAX_SESSIONS) {
            return null;
        }
        Instant end = Instant.now().plus(MAX_AGE);
        if (principal.expiresAt() != null && principal.expiresAt().isBefore(end)) {
            end = principal.expiresAt();
        }
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(id, new Session(principal, tokenHash, end));
        return id;
    }

    /**
     * The session's current verdict: its principal (for an API token, as the tokens file has it
     * now), or {@link Authentication#INVALID} for an unknown, ended or revoked session.
     */
    Authentication find(String id, Function<byte[], TokenFile.Entry> tokens) {
        Session session = sessions.get(id);
        if (session == null) {
            return Authentication.INVALID;
        }
        if (!Instant.now().isBefore(session.expiresAt())) {
            sessions.remove(id);
            return Authentication.INVALID;
        }
        if (session.tokenHash() == null) {
            return Authentication.granted(session.principal());
        }
        TokenFile.Entry entry = tokens.apply(session.tokenHash());
        return entry == null ? Authentication.INVALID : entry.granted();
    }

    /** When the session ends, or null when there is none of this id. */
    Instant expiresAt(String id) {
        Session session = sessions.get(id);
        return session == null ? null : session.expiresAt();
    }

    void close(String id) {
        sessions.remove(id);
    }

    void prune() {
        Instant now = Instant.now();
        sessions.values().removeIf(session -> !now.isBefore(session.expiresAt()));
    }
}
