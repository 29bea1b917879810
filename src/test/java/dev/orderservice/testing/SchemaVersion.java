package dev.orderservice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The schema version the migrations on the classpath lead to, so tests need not change with each migration. */
public final class SchemaVersion {

    private SchemaVersion() {
    }

    /** The highest {@code V<n>__*.sql} version. */
    public static int latest() {
        int[] versions = versions();
        return versions.length == 0 ? 0 : versions[versions.length - 1];
    }

    /**
     * How many versioned migrations there are: what a migration of an empty database applies. Not
     * the latest version, since versions are not numbered 1..n (V20 follows V3, leaving room).
     */
    public static int count() {
        return versions().length;
    }

    private static int[] versions() {
        try (Stream<Path> files = Files.list(Path.of(SchemaVersion.class.getResource("/db/migration").toURI()))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).sorted().toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
