package dev.orderservice.config;

import java.net.URI;
import java.nio.file.Path;

/**
 * Who may read what, as {@code serve} settled it: API tokens from a file, OIDC bearer JWTs, both,
 * or neither. Neither means the API is open, which {@code serve} allows on loopback by default and
 * beyond it only when {@link #explicitlyOpen} ({@code ORDERS_AUTH=none}).
 *
 * @param tokensFile     the API tokens file, or null for none
 * @param jwt            how bearer JWTs are verified, or null for none
 * @param explicitlyOpen {@code ORDERS_AUTH=none}: no authentication, even beyond loopback
 */
public record AuthSettings(Path tokensFile, Jwt jwt, boolean explicitlyOpen) {

    /** No authentication, and none asked for. */
    public static final AuthSettings NONE = new AuthSettings(null, null, false);

    /**
     * @param issuer   the exact {@code iss} a token must carry
     * @param audience an {@code aud} a token must name
     * @param jwksUrl  where the issuer publishes its signing keys
     */
    public record Jwt(String issuer, String audience, URI jwksUrl) {
    }

    public AuthSettings {
        if (explicitlyOpen && (tokensFile != null || jwt != null)) {
            throw new IllegalArgumentException("ORDERS_AUTH=none contradicts ORDERS_AUTH_TOKENS_FILE / ORDERS_AUTH_JWT_*: "
                    + "unset one of them");
        }
    }

    /** Whether any authentication is configured. */
    public boolean required() {
        return tokensFile != null || jwt != null;
    }
}
