package dev.orderservice.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * A small properties file in the data directory where a self-contained {@code serve} says where
 * its embedded services listen, so that {@code publish} (and people) can find them without
 * configuration. Written atomically; removed on a clean stop.
 */
public final class RuntimeFile {

    public static final String FILE_NAME = "runtime.properties";
    public static final String NATS_URL = "nats.url";
    public static final String DB_URL = "db.url";
    public static final String HTTP_PORT = "http.port";
    public static final String PID = "pid";

    private RuntimeFile() {
    }

    public static Path in(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /**
     * @throws IOException when the file cannot be written
     */
    public static void write(Path dataDir, Properties values) throws IOException {
        Files.createDirectories(dataDir);
        Path temp = Files.createTempFile(dataDir, FILE_NAME, ".tmp");
        try (Writer out = Files.newBufferedWriter(temp)) {
            values.store(out, "written by order-service serve; removed when it stops");
        }
        Files.move(temp, in(dataDir), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The values a running (or crashed) serve left, if any. */
    public static Optional<Properties> read(Path dataDir) {
        Path file = in(dataDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties values = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            values.load(in);
            return Optional.of(values);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(in(dataDir));
        } catch (IOException ignored) {
            // a stale file is harmless: the next serve overwrites it
        }
    }
}
