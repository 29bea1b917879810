package dev.orderservice.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * {@code serve}'s access options: the picocli mixin that becomes one {@link AuthSettings}. Each
 * default is its environment variable, so a flag wins over the environment.
 */
public final class AuthOptions {

    @Option(names = "--auth", paramLabel = "none", defaultValue = "${env:ORDERS_AUTH}",
            description = "none: serve without authentication even beyond loopback (env ORDERS_AUTH; default: "
                    + "authentication is required to listen beyond loopback).")
    private String auth;

    @Option(names = "--auth-tokens-file", paramLabel = "FILE", defaultValue = "${env:ORDERS_AUTH_TOKENS_FILE}",
            description = "API tokens, one per line: NAME SCOPES SHA256HEX; re-read when it changes "
                    + "(env ORDERS_AUTH_TOKENS_FILE).")
    private String tokensFile;

    @Option(names = "--auth-jwt-issuer", paramLabel = "ISSUER", defaultValue = "${env:ORDERS_AUTH_JWT_ISSUER}",
            description = "The iss of accepted bearer JWTs (env ORDERS_AUTH_JWT_ISSUER).")
    private String jwtIssuer;

    @Option(names = "--auth-jwt-audience", paramLabel = "AUDIENCE", defaultValue = "${env:ORDERS_AUTH_JWT_AUDIENCE}",
            description = "An aud accepted bearer JWTs must name (env ORDERS_AUTH_JWT_AUDIENCE).")
    private String jwtAudience;

    @Option(names = "--auth-jwt-jwks-url", paramLabel = "URL", defaultValue = "${env:ORDERS_AUTH_JWT_JWKS_URL}",
            description = "The issuer's signing keys (JWKS); https, or http on loopback only "
                    + "(env ORDERS_AUTH_JWT_JWKS_URL).")
    private String jwksUrl;

    /**
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public AuthSettings settings() {
        boolean open = false;
        if (!blank(auth)) {
            if (!auth.strip().toLowerCase(Locale.ROOT).equals("none")) {
                throw new IllegalArgumentException("ORDERS_AUTH / --auth can only be none, is '" + auth + "'");
            }
            open = true;
        }
        return new AuthSettings(blank(tokensFile) ? null : Path.of(tokensFile.strip()), jwt(), open);
    }

    private AuthSettings.Jwt jwt() {
        long set = Stream.of(jwtIssuer, jwtAudience, jwksUrl).filter(value -> !blank(value)).count();
        if (set == 0) {
            return null;
        }
        if (set < 3) {
            throw new IllegalArgumentException("ORDERS_AUTH_JWT_ISSUER, ORDERS_AUTH_JWT_AUDIENCE and "
                    + "ORDERS_AUTH_JWT_JWKS_URL are needed together");
        }
        URI url;
        try {
            url = new URI(jwksUrl.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("ORDERS_AUTH_JWT_JWKS_URL is not a URL: " + e.getReason());
        }
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        boolean loopbackHttp = "http".equalsIgnoreCase(url.getScheme()) && Hosts.isLoopback(url.getHost());
        if (url.getHost() == null || !(https || loopbackHttp)) {
            throw new IllegalArgumentException("ORDERS_AUTH_JWT_JWKS_URL must be an https URL (http only on loopback)");
        }
        return new AuthSettings.Jwt(jwtIssuer.strip(), jwtAudience.strip(), url);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
