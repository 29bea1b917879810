package dev.orderservice;

import dev.orderservice.config.AuthSettings;
import dev.orderservice.config.ConnectionSettings;
import dev.orderservice.http.Admission;
import dev.orderservice.http.HttpsFiles;
import dev.orderservice.ingest.StreamSettings;
import java.time.Duration;

/**
 * Everything {@code serve} needs to know, settled from flags and environment by
 * {@link ServeCommand} and checked there; immutable from then on.
 *
 * @param connection      where PostgreSQL, NATS and the data dir are
 * @param stream          the stream, subject and consumer, and how they are created
 * @param http            where the HTTP server listens
 * @param auth            who may read what (none: open, on loopback unless asked otherwise)
 * @param cacheMaxBytes   the cache budget in bytes
 * @param maxMessageBytes larger messages are rejected unparsed
 * @param logFormat       how log lines look (logback read it already; the start line names it)
 * @param retention       how long rejected messages and their full payloads are kept
 */
record ServeSettings(ConnectionSettings connection, StreamSettings stream, Http http, AuthSettings auth,
        long cacheMaxBytes, int maxMessageBytes, LogFormat logFormat, Retention retention) {

    /**
     * @param rejected        rejected messages older than this are deleted
     * @param rejectedPayload their full payloads older than this are dropped (the 4 KiB head stays)
     */
    record Retention(Duration rejected, Duration rejectedPayload) {
    }

    /**
     * @param host  the address to listen on
     * @param port  the port; 0 picks a free one
     * @param https the certificate and key that make the port speak HTTPS; null: plain HTTP
     * @param limits connections, request rate and live feeds admitted
     */
    record Http(String host, int port, HttpsFiles https, Admission.Limits limits) {

        /** How the start line and clients name the port's protocol. */
        String scheme() {
            return https == null ? "http" : "https";
        }
    }
}
