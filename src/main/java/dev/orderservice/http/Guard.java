package dev.orderservice.http;

import dev.orderservice.access.Access;
import dev.orderservice.access.AuditLog;
import dev.orderservice.access.Authentication;
import dev.orderservice.access.Principal;
import dev.orderservice.access.Scope;
import dev.orderservice.model.OrderId;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The access check in front of every route that needs a scope: who the request is
 * ({@link Access}), whether that may read this route, the audit line of a read of personal data,
 * and the RFC 6750 answers when not: 401 with {@code WWW-Authenticate: Bearer realm=...} (and
 * {@code error="invalid_token"} for bad credentials), 403 with {@code error="insufficient_scope"}.
 *
 * <p>Runs on the selector thread for a cache hit, so the granted path is a header read, a cache
 * or hash lookup and, for audited routes, one audit line: every header it can send is pre-encoded.
 */
final class Guard {

    private static final String REALM = "Bearer realm=\"order-service\"";
    private static final HttpField CHALLENGE = new PreEncodedHttpField(HttpHeader.WWW_AUTHENTICATE, REALM);
    private static final HttpField INVALID_TOKEN = new PreEncodedHttpField(HttpHeader.WWW_AUTHENTICATE,
            REALM + ", error=\"invalid_token\"");
    private static final Map<Scope, HttpField> INSUFFICIENT = new EnumMap<>(Scope.class);

    static {
        for (Scope scope : Scope.values()) {
            INSUFFICIENT.put(scope, new PreEncodedHttpField(HttpHeader.WWW_AUTHENTICATE,
                    REALM + ", error=\"insufficient_scope\", scope=\"" + scope.code() + "\""));
        }
    }

    private final Access access;

    Guard(Access access) {
        this.access = access;
    }

    Access access() {
        return access;
    }

    /** Who the request is, without blocking; {@code PENDING} means call {@link #verify} off the selector. */
    Authentication authenticate(Request request) {
        if (!access.required()) {
            return access.authenticate(null, null);
        }
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        return access.authenticate(authorization, authorization == null ? sessionId(request) : null);
    }

    /** Who the request is; may block. */
    Authentication verify(Request request) {
        return access.verify(request.getHeaders().get(HttpHeader.AUTHORIZATION));
    }

    /** The value of our session cookie; every other cookie is ignored, whoever set it. */
    static String sessionId(Request request) {
        if (!request.getHeaders().contains(HttpHeader.COOKIE)) {
            return null;
        }
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (cookie.getName().equals(Access.COOKIE)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /**
     * True when the request may go on to the route (recorded if the route is audited); otherwise
     * the refusal is answered, and recorded, here.
     */
    boolean admit(Route route, Authentication auth, Request request, Response response, Callback callback) {
        Principal who = auth.principal();
        String result = switch (auth.outcome()) {
            case GRANTED -> who.may(route.scope()) ? "granted" : "insufficient_scope";
            case MISSING -> "missing_credentials";
            case INVALID -> "invalid_token";
            default -> "unavailable";
        };
        if (route.audit()) {
            audit(route, who, request, result);
        }
        switch (result) {
            case "granted" -> {
                return true;
            }
            case "insufficient_scope" -> {
                response.getHeaders().put(INSUFFICIENT.get(route.scope()));
                Problems.send(response, callback, HttpStatus.FORBIDDEN_403, "insufficient-scope",
                        "your credentials do not grant the scope " + route.scope().code() + " that this route needs");
            }
            case "missing_credentials" -> unauthorized(response, callback, CHALLENGE,
                    "this route needs credentials: an Authorization: Bearer token, or a session of the web page");
            case "invalid_token" -> unauthorized(response, callback, INVALID_TOKEN,
                    "the credentials are not valid: unknown, revoked, malformed, expired or meant for another service");
            default -> Problems.unavailable(response, callback, "the signing keys of tokens cannot be fetched "
                    + "right now; try again shortly");
        }
        return false;
    }

    static void unauthorized(Response response, Callback callback, HttpField challenge, String detail) {
        response.getHeaders().put(challenge);
        Problems.send(response, callback, HttpStatus.UNAUTHORIZED_401, "unauthorized", detail);
    }

    static void unauthorized(Response response, Callback callback, Authentication auth) {
        unauthorized(response, callback, auth.outcome() == Authentication.Outcome.MISSING ? CHALLENGE : INVALID_TOKEN,
                auth.outcome() == Authentication.Outcome.MISSING ? "signing in needs an Authorization: Bearer token"
                        : "the token is not valid: unknown, revoked, malformed, expired or meant for another service");
    }

    private static void audit(Route route, Principal who, Request request, String result) {
        String template = route.template();
        String orderId = null;
        int parameter = template.indexOf('{');
        if (parameter >= 0) {
            String id = request.getHttpURI().getCanonicalPath().substring(parameter);
            orderId = OrderId.isWellFormed(id) ? id : "(malformed)";
        }
        AuditLog.read(who, template, orderId, request.getHttpURI().getQuery(), Request.getRemoteAddr(request), result);
    }
}
