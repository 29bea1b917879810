package dev.orderservice.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * Security headers for the web page, its static files and every answer outside the API routes
 * (the 404 and 405 problems). API answers, the hot path above all, never carry them.
 *
 * <p>The policy allows only this origin's own scripts and styles, and no inline code at all: even
 * if a hostile order's text were ever written into the page as markup, it could not run. Images
 * may also be {@code data:} URLs, which Bootstrap's stylesheet uses for its small icons.
 */
final class PageHeaders {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final HttpField CSP = new PreEncodedHttpField("Content-Security-Policy", POLICY);
    private static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    private static final HttpField REFERRER = new PreEncodedHttpField("Referrer-Policy", "no-referrer");
    private static final HttpField FRAMES = new PreEncodedHttpField("X-Frame-Options", "DENY");

    private PageHeaders() {
    }

    static void add(HttpFields.Mutable headers) {
        headers.put(CSP);
        headers.put(NOSNIFF);
        headers.put(REFERRER);
        headers.put(FRAMES);
    }
}
