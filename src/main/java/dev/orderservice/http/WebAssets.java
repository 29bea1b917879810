package dev.orderservice.http;

import dev.orderservice.config.BuildInfo;

/**
 * The web page's files: the page itself from {@code web/} on the classpath, and Bootstrap from its
 * webjar, so the page works offline and never loads anything from another origin.
 */
final class WebAssets {

    static final String BOOTSTRAP_PATH = "/webjars/bootstrap";

    private WebAssets() {
    }

    /** The page at {@code /}: {@code index.html} and its scripts, styles and icon. */
    static StaticFiles page() {
        return new StaticFiles("/", "web", "index.html");
    }

    /** Serves the webjar's files at {@link #BOOTSTRAP_PATH}, e.g. {@code /webjars/bootstrap/css/bootstrap.min.css}. */
    static StaticFiles bootstrap() {
        return new StaticFiles(BOOTSTRAP_PATH, "META-INF/resources/webjars/bootstrap/" + BuildInfo.bootstrapVersion(),
                null);
    }
}
