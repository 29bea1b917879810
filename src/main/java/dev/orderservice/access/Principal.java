package dev.orderservice.access;

import java.time.Instant;
import java.util.Set;

/**
 * Who a request is: the token's name in the tokens file, the JWT's {@code sub}, or
 * {@link #ANONYMOUS} on a service without authentication. Never the credential itself, so a
 * principal can be logged, cached and kept in a session.
 *
 * @param name      what the audit log calls this caller
 * @param kind      how it authenticated: {@code token}, {@code jwt} or {@code none}
 * @param scopes    what it may read
 * @param expiresAt when its credential stops being valid, or null for never (API tokens)
 */
public record Principal(String name, String kind, Set<Scope> scopes, Instant expiresAt) {

    /** Everyone, on a service that asks for no credentials. */
    public static final Principal ANONYMOUS = new Principal("anonymous", "none", Scope.all(), null);

    public Principal {
        scopes = Set.copyOf(scopes);
    }

    public boolean may(Scope scope) {
        return scopes.contains(scope);
    }
}
