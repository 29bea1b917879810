package dev.orderservice.access;

import dev.orderservice.config.AuthSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a request is, from its {@code Authorization: Bearer} header or the page's session cookie:
 * the one object the HTTP side asks. Built from {@link AuthSettings} by the wiring place; with no
 * authentication configured every request is {@link Principal#ANONYMOUS} with every scope.
 *
 * <p>Bearer tokens are tried against the verified-JWT cache, then the tokens file (by hash), and
 * only then, off the selector thread, verified as JWTs ({@link #verify}). Credentials are read only
 * from the Authorization header and our own cookie; never from a URL, never from another cookie.
 */
public final class Access implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Access.class);
    /** The session cookie. {@code __Host-}: Secure, Path=/, no Domain, so no other site or path can set it. */
    public static final String COOKIE = "__Host-orders-session";
    /** How often the tokens file is checked for changes (a stat; it is read only when it changed). */
    static final Duration TOKENS_POLL = Duration.ofSeconds(1);
    private static final String BEARER = "Bearer ";

    private final AuthSettings settings;
    private final TokenFile tokens;
    private final JwtVerifier jwts;
    private final Sessions sessions = new Sessions();
    private final ScheduledExecutorService upkeep;

    private Access(AuthSettings settings, TokenFile tokens, JwtVerifier jwts) {
        this.settings = settings;
        this.tokens = tokens;
        this.jwts = jwts;
        if (settings.required()) {
            upkeep = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("access-upkeep").daemon()
                    .factory());
            upkeep.scheduleWithFixedDelay(this::upkeep, TOKENS_POLL.toMillis(), TOKENS_POLL.toMillis(),
                    TimeUnit.MILLISECONDS);
        } else {
            upkeep = null;
        }
    }

    /**
     * @throws IOException when the tokens file cannot be read at start
     */
    public static Access start(AuthSettings settings) throws IOException {
        TokenFile tokens = settings.tokensFile() == null ? null : TokenFile.load(settings.tokensFile());
        JwtVerifier jwts = settings.jwt() == null ? null : new JwtVerifier(settings.jwt());
        return new Access(settings, tokens, jwts);
    }

    /** No authentication: every request is anonymous with every scope. */
    public static Access open() {
        return new Access(AuthSettings.NONE, null, null);
    }

    /** Whether requests must bring credentials. */
    public boolean required() {
        return settings.required();
    }

    /**
     * Authenticates without blocking, or answers {@link Authentication.Outcome#PENDING}.
     *
     * @param authorization the Authorization header, or null
     * @param sessionId     the value of our session cookie, or null; used only without a header
     */
    public Authentication authenticate(String authorization, String sessionId) {
        if (!required()) {
            return Authentication.ANONYMOUS;
        }
        if (authorization == null) {
            return sessionId == null ? Authentication.MISSING : sessions.find(sessionId, this::byHash);
        }
        String token = bearer(authorization);
        if (token == null) {
            return Authentication.INVALID;
        }
        if (jwts != null) {
            Authentication cached = jwts.cached(token);
            if (cached != null) {
                return cached;
            }
        }
        TokenFile.Entry entry = tokens == null ? null : tokens.find(token);
        if (entry != null) {
            return entry.granted();
        }
        return jwts != null && JwtVerifier.looksLikeJwt(token) ? Authentication.PENDING : Authentication.INVALID;
    }

    /** Authenticates a bearer header, verifying a JWT when needed; may block (fetching the issuer's keys). */
    public Authentication verify(String authorization) {
        Authentication quick = authenticate(authorization, null);
        if (quick.outcome() != Authentication.Outcome.PENDING) {
            return quick;
        }
        return jwts.verify(bearer(authorization));
    }

    /**
     * Signs a principal in that presented this bearer header (already verified), for the page.
     *
     * @return the new session's id, or null when too many sessions are open
     */
    public String openSession(String authorization, Principal principal) {
        byte[] hash = principal.kind().equals("token") ? TokenFile.sha256(bearer(authorization)) : null;
        return sessions.open(principal, hash);
    }

    /** When the session ends, or null for no such session. */
    public Instant sessionExpiry(String sessionId) {
        return sessions.expiresAt(sessionId);
    }

    public void closeSession(String sessionId) {
        sessions.close(sessionId);
    }

    private TokenFile.Entry byHash(byte[] hash) {
        return tokens == null ? null : tokens.byHash(hash);
    }

    /** The token of a {@code Bearer} header (scheme case-insensitive), or null for any other header. */
    private static String bearer(String authorization) {
        if (authorization.length() <= BEARER.length() || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).strip();
        return token.isEmpty() || token.indexOf(' ') >= 0 ? null : token;
    }

    /** Never throws: an exception would end the schedule, and with it every later reload. */
    private void upkeep() {
        try {
            if (tokens != null) {
                tokens.reloadIfChanged();
            }
            sessions.prune();
        } catch (RuntimeException e) {
            LOG.error("access upkeep failed; trying again in {}", TOKENS_POLL, e);
        }
    }

    @Override
    public void close() {
        if (upkeep != null) {
            upkeep.shutdownNow();
        }
    }
}
