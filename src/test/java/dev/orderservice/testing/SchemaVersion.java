package dev.orderservice.testing;

import dev.orderservice.store.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/** The schema version the migrations on the classpath lead to, so tests need not change with each migration. */
public final class SchemaVersion {

    private SchemaVersion() {
    }

    /**
     * Migrates the database (as {@code postgres}, granting nothing) up to {@code version} only: the
     * schema an older release left, for tests of what a later migration does to its data.
     */
    public static void migrateTo(String jdbcUrl, String version) {
        Flyway.configure().locations(Migrations.LOCATION).placeholders(Map.of("appRole", ""))
                .dataSource(jdbcUrl, "postgres", "").target(version).load().migrate();
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
