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

    /** The highest {@code V<n>__*.sql} version; also the number of versioned migrations, which are numbered 1..n. */
    public static int latest() {
        try (Stream<Path> files = Files.list(Path.of(SchemaVersion.class.getResource("/db/migration").toURI()))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
