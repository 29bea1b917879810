package dev.orderservice;

import dev.orderservice.config.ConnectionOptions;
import dev.orderservice.ingest.StreamNames;

/**
 * Everything {@code serve} needs to know, resolved from flags and environment.
 *
 * @param cacheMaxBytes the cache budget in bytes
 */
record ServeSettings(ConnectionOptions connection, String httpHost, int httpPort, long cacheMaxBytes,
        int maxMessageBytes, StreamNames streamNames) {
}
