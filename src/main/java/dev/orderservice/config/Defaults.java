package dev.orderservice.config;

import java.time.Duration;

/**
 * Every default setting, written once. picocli reads them as text inside
 * {@code defaultValue = "${env:VAR:-" + Defaults.X + "}"}, so the text forms are compile-time
 * constants; the typed forms are derived from them, never written a second time.
 */
public final class Defaults {

    public static final String DATA_DIR = "./data";
    public static final String STREAM = "ORDERS";
    public static final String SUBJECT = "orders";
    public static final String CONSUMER = "order-service";
    /** Where serve listens when authentication is configured: every address. */
    public static final String HTTP_HOST = "0.0.0.0";
    /** Where serve listens with no authentication: this machine only (secure by default). */
    public static final String HTTP_HOST_OPEN = "127.0.0.1";
    public static final String HTTP_PORT = "8080";
    /** Larger messages are rejected unparsed; the stream itself takes more (StreamSetup). */
    public static final String MAX_MESSAGE_SIZE = "256k";
    public static final String ACK_WAIT_SECONDS = "30";
    /** Text of {@link #MAX_DELIVERIES}, for picocli. */
    public static final String MAX_DELIVERIES_TEXT = "5";
    public static final String STREAM_REPLICAS = "1";
    /** How long rejected messages are kept, and their full payloads (shorter: they may be personal data). */
    public static final String REJECTED_RETENTION = "30d";
    public static final String REJECTED_PAYLOAD_RETENTION = "7d";
    /** Stream limits when the service creates the stream: 0, none. */
    public static final String STREAM_MAX_AGE = "0";
    public static final String STREAM_MAX_BYTES = "0";
    /** HTTP admission (http.Admission): open connections, requests per second and burst per client, live feeds per client. */
    public static final String HTTP_MAX_CONNECTIONS = "2048";
    public static final String HTTP_RATE_LIMIT = "200";
    public static final String HTTP_RATE_BURST = "400";
    public static final String LIVE_PER_CLIENT = "8";
    /** Addresses not limited per client: loopback, this machine. */
    public static final String HTTP_LIMIT_EXEMPT = "127.0.0.0/8,::1";
    /** Share of the maximum heap the cache takes when no budget is configured. */
    public static final int CACHE_HEAP_PERCENT = 35;

    public static final Duration ACK_WAIT = Duration.ofSeconds(Integer.parseInt(ACK_WAIT_SECONDS));
    public static final int MAX_DELIVERIES = Integer.parseInt(MAX_DELIVERIES_TEXT);

    private Defaults() {
    }
}
