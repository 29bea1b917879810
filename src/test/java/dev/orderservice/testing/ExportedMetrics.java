package dev.orderservice.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sample names {@code /metrics} promises (test resource {@code exported-metrics.txt}): one
 * integration test checks a real scrape has them all, and the dashboard test that it uses no other.
 */
public final class ExportedMetrics {

    private ExportedMetrics() {
    }

    public static Set<String> names() {
        try (InputStream in = ExportedMetrics.class.getResourceAsStream("/exported-metrics.txt")) {
            Set<String> names = new TreeSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
