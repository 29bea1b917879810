package dev.orderservice.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Security headers for the web page and its static files. Registered after the API routes, so
 * API answers (the hot path) never pass through it.
 *
 * <p>The policy allows only this origin's own scripts and styles, and no inline code at all: even
 * if a hostile order's text were ever written into the page as markup, it could not run. Images
 * may also be {@code data:} URLs, which Bootstrap's stylesheet uses for its small icons.
 */
final class PageHeaders implements HttpService {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final Header CSP = HeaderValues.createCached("Content-Security-Policy", POLICY);
    private static final Header NOSNIFF = HeaderValues.createCached(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
    private static final Header REFERRER = HeaderValues.createCached("Referrer-Policy", "no-referrer");
    private static final Header FRAMES = HeaderValues.createCached("X-Frame-Options", "DENY");

    @Override
    public void routing(HttpRules rules) {
        rules.any(PageHeaders::add);
    }

    private static void add(ServerRequest req, ServerResponse res) {
        res.header(CSP);
        res.header(NOSNIFF);
        res.header(REFERRER);
        res.header(FRAMES);
        res.next();
    }
}
