package dev.orderservice.http;

import dev.orderservice.access.Access;
import dev.orderservice.access.AuditLog;
import dev.orderservice.access.Authentication;
import dev.orderservice.access.Principal;
import dev.orderservice.access.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /api/session}, the web page's sign-in. {@code GET}: whether the service asks for
 * credentials and who this browser is signed in as. {@code POST} with {@code Authorization: Bearer}:
 * signs in, answering the {@link Access#COOKIE} session cookie (HttpOnly, Secure, SameSite=Strict).
 * {@code DELETE}: signs out, forgetting the session on the server.
 *
 * <p>POST and DELETE are refused from another origin (by {@code Sec-Fetch-Site}, else
 * {@code Origin} against {@code Host}), on top of what SameSite=Strict and the CORS preflight an
 * Authorization header needs already prevent: no other site can sign a browser in or out.
 */
final class SessionRoutes {

    static final String PATH = "/api/session";

    private final Access access;

    SessionRoutes(Access access) {
        this.access = access;
    }

    /**
     * Inline: the state and sign-out touch only memory, so they are answered on the calling thread;
     * false for a sign-in, which may verify a JWT and so goes to {@link #signIn} on a virtual thread.
     */
    boolean serveInMemory(Request req, Response res, Callback callback) {
        switch (req.getMethod()) {
            case "POST" -> {
                return false;
            }
            case "DELETE" -> signOut(req, res, callback);
            default -> HttpApi.sendJson(res, callback, state(access.authenticate(null, Guard.sessionId(req)),
                    Guard.sessionId(req)));
        }
        return true;
    }

    /** Blocking: signing in may verify a JWT, which may fetch the issuer's keys. */
    void signIn(Request req, Response res, Callback callback) {
        if (crossOrigin(req, res, callback)) {
            return;
        }
        if (!access.required()) {
            Problems.badRequest(res, callback, "this service asks for no credentials; there is nothing to sign in to");
            return;
        }
        String authorization = req.getHeaders().get(HttpHeader.AUTHORIZATION);
        Authentication auth = authorization == null ? access.authenticate(null, null) : access.verify(authorization);
        if (auth.outcome() == Authentication.Outcome.UNAVAILABLE) {
            Problems.unavailable(res, callback, "the signing keys of tokens cannot be fetched right now; try again");
            return;
        }
        if (auth.outcome() != Authentication.Outcome.GRANTED) {
            Guard.unauthorized(res, callback, auth);
            return;
        }
        String id = access.openSession(authorization, auth.principal());
        if (id == null) {
            Problems.unavailable(res, callback, "too many people are signed in; try again later");
            return;
        }
        long maxAge = Math.max(0, Duration.between(Instant.now(), access.sessionExpiry(id)).toSeconds());
        res.getHeaders().add(HttpHeader.SET_COOKIE, cookie(id, maxAge));
        AuditLog.read(auth.principal(), PATH, null, null, Request.getRemoteAddr(req), "signed_in");
        HttpApi.sendJson(res, callback, state(auth, id));
    }

    private void signOut(Request req, Response res, Callback callback) {
        if (crossOrigin(req, res, callback)) {
            return;
        }
        String id = Guard.sessionId(req);
        if (id != null) {
            access.closeSession(id);
        }
        res.getHeaders().add(HttpHeader.SET_COOKIE, cookie("", 0));
        res.setStatus(HttpStatus.NO_CONTENT_204);
        res.getHeaders().put(HttpApi.NO_STORE);
        callback.succeeded();
    }

    /** Answers 403 and says true when the request comes from a page of another origin. */
    private static boolean crossOrigin(Request req, Response res, Callback callback) {
        String site = req.getHeaders().get("Sec-Fetch-Site");
        String origin = req.getHeaders().get(HttpHeader.ORIGIN);
        String host = req.getHeaders().get(HttpHeader.HOST);
        boolean foreign = site != null ? !site.equals("same-origin") && !site.equals("none")
                : origin != null && (host == null || !origin.endsWith("://" + host));
        if (foreign) {
            Problems.send(res, callback, HttpStatus.FORBIDDEN_403, "cross-origin",
                    "signing in and out is only possible from this service's own page");
        }
        return foreign;
    }

    private static String cookie(String value, long maxAgeSeconds) {
        return Access.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; Secure; SameSite=Strict";
    }

    private Map<String, Object> state(Authentication auth, String sessionId) {
        Principal who = auth.outcome() == Authentication.Outcome.GRANTED ? auth.principal() : null;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("auth_required", access.required());
        body.put("signed_in", access.required() && who != null);
        body.put("who", access.required() && who != null ? who.name() : null);
        List<String> scopes = who == null ? List.of() : who.scopes().stream().map(Scope::code).sorted().toList();
        body.put("scopes", scopes);
        Instant expiry = sessionId == null ? null : access.sessionExpiry(sessionId);
        body.put("expires_at", expiry == null ? null : expiry.toString());
        return body;
    }
}
