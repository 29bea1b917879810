package dev.orderservice;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version and bundled library versions, from a resource Maven fills in. */
final class Version {

    private static final Properties BUILD = load();

    private Version() {
    }

    static String current() {
        return BUILD.getProperty("version", "unknown");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/order-service.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException ignored) {
            // the version is informational only
        }
        return properties;
    }
}
