package dev.orderservice.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What Maven wrote into {@code order-service.properties} at build time: the build's version and the
 * versions of bundled web libraries. The one place that reads the file, once.
 */
public final class BuildInfo {

    private static final String RESOURCE = "/order-service.properties";
    private static final Properties BUILD = load();

    private BuildInfo() {
    }

    /** The build's version; "unknown" outside a Maven build, as it is informational only. */
    public static String version() {
        return BUILD.getProperty("version", "unknown");
    }

    /**
     * The Bootstrap webjar's version, which names the directory its files are served from.
     *
     * @throws IllegalStateException when the build did not fill it in
     */
    public static String bootstrapVersion() {
        String version = BUILD.getProperty("bootstrap.version");
        if (version == null || version.startsWith("$")) {
            throw new IllegalStateException("order-service.properties is missing from the classpath or has no "
                    + "filtered bootstrap.version");
        }
        return version;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException ignored) {
            // an unreadable file reads as an empty one: version() says "unknown", bootstrapVersion() throws
        }
        return properties;
    }
}
