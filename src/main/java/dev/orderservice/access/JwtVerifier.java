package dev.orderservice.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.orderservice.config.AuthSettings;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OIDC bearer JWTs, verified by nimbus-jose-jwt: an RS256 or ES256 signature by a key of the
 * issuer's JWKS, the exact {@code iss}, our {@code aud}, {@code exp} (required) and {@code nbf}
 * within {@link #CLOCK_SKEW}. Scopes come from {@code scope} (space-separated) or {@code scp}
 * (a list or a string); names that are not ours are ignored.
 *
 * <p>Keys: nimbus's JWK source caches the set for {@link #KEYS_TTL} and fetches it again when a
 * token names a {@code kid} it does not hold (a key rotation), at most twice per
 * {@link #KEYS_MIN_REFRESH}, so a stream of made-up kids cannot make us hammer the issuer.
 *
 * <p>A verified token is cached by its text until it expires ({@link #cached}), so a client that
 * sends the same token with every request costs one hash lookup per request after the first, on
 * the selector thread. Tokens that fail are not cached: a failure costs a parse and at most one
 * signature check, on a virtual thread.
 */
final class JwtVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(JwtVerifier.class);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    static final Duration KEYS_TTL = Duration.ofMinutes(15);
    static final Duration KEYS_FETCH_TIMEOUT = Duration.ofSeconds(5);
    static final Duration KEYS_MIN_REFRESH = Duration.ofSeconds(5);
    /** Verified tokens kept; beyond it the least used go (and are verified again when they come back). */
    static final int CACHED_TOKENS = 10_000;
    private static final int JWKS_MAX_BYTES = 256 * 1024;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Cache<String, Authentication> verified = Caffeine.newBuilder().maximumSize(CACHED_TOKENS)
            .expireAfter(Expiry.<String, Authentication>creating((token, auth) -> Duration.between(Instant.now(),
                    auth.principal().expiresAt()))).build();

    JwtVerifier(AuthSettings.Jwt settings) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(settings.jwksUrl().toURL(), new DefaultResourceRetriever(
                    (int) KEYS_FETCH_TIMEOUT.toMillis(), (int) KEYS_FETCH_TIMEOUT.toMillis(), JWKS_MAX_BYTES))
                    .cache(KEYS_TTL.toMillis(), KEYS_FETCH_TIMEOUT.toMillis())
                    .rateLimited(KEYS_MIN_REFRESH.toMillis())
                    .retrying(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("ORDERS_AUTH_JWT_JWKS_URL is not a URL: " + e.getMessage(), e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(settings.audience(),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("sub", "exp"));
        claims.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** Does the text look like a JWS (three dot-separated parts)? Cheap, and no parsing. */
    static boolean looksLikeJwt(String token) {
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        return first > 0 && second > first + 1 && second < token.length() - 1 && token.indexOf('.', second + 1) < 0;
    }

    /** The verdict on a token verified before and not yet expired, or null. Never blocks. */
    Authentication cached(String token) {
        return verified.getIfPresent(token);
    }

    /** Verifies the token; may block while the issuer's keys are fetched. */
    Authentication verify(String token) {
        Authentication known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (RateLimitReachedException e) {
            // a kid the keys fetched moments ago do not have: refused, not fetched again yet
            return Authentication.INVALID;
        } catch (KeySourceException e) {
            LOG.warn("cannot fetch the JWT signing keys: {}", e.getMessage());
            return Authentication.UNAVAILABLE;
        } catch (ParseException | BadJOSEException | JOSEException e) {
            LOG.debug("JWT refused: {}", e.getMessage());
            return Authentication.INVALID;
        }
        Principal principal = new Principal(claims.getSubject(), "jwt", scopes(claims),
                claims.getExpirationTime().toInstant());
        Authentication granted = Authentication.granted(principal);
        verified.put(token, granted);
        return granted;
    }

    static Set<Scope> scopes(JWTClaimsSet claims) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Object scope = claims.getClaim("scope");
        Object scp = claims.getClaim("scp");
        for (Object value : new Object[] {scope, scp}) {
            if (value instanceof String text) {
                addAll(scopes, List.of(text.split(" ")));
            } else if (value instanceof List<?> list) {
                addAll(scopes, list.stream().map(String::valueOf).toList());
            }
        }
        return scopes;
    }

    private static void addAll(Set<Scope> scopes, List<String> codes) {
        for (String code : codes) {
            Scope known = Scope.of(code);
            if (known != null) {
                scopes.add(known);
            }
        }
    }
}
