package dev.orderservice.config;

import java.nio.file.Path;

/**
 * Where a command's PostgreSQL, NATS and data are: the part every command but {@code publish}
 * shares. Each service is either given (a URL) or embedded under {@code dataDir}.
 *
 * @param dataDir  absolute and normalized: the embedded services' data and serve's runtime file
 */
public record ConnectionSettings(Path dataDir, DatabaseSettings database, NatsSettings nats) {

    public ConnectionSettings {
        dataDir = dataDir.toAbsolutePath().normalize();
    }
}
