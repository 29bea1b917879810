package dev.orderservice.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

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
        return new StaticFiles(BOOTSTRAP_PATH, "META-INF/resources/webjars/bootstrap/" + bootstrapVersion(), null);
    }

    /** The webjar's version, which Maven writes into {@code order-service.properties} at build time. */
    static String bootstrapVersion() {
        Properties properties = new Properties();
        try (InputStream in = WebAssets.class.getResourceAsStream("/order-service.properties")) {
            if (in == null) {
                throw new IllegalStateException("order-service.properties is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read order-service.properties", e);
        }
        String version = properties.getProperty("bootstrap.version");
        if (version == null || version.startsWith("$")) {
            throw new IllegalStateException("order-service.properties has no filtered bootstrap.version");
        }
        return version;
    }
}
