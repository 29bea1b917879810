package dev.orderservice;

import dev.orderservice.config.AuthOptions;
import dev.orderservice.config.AuthSettings;
import dev.orderservice.config.ByteSizeConverter;
import dev.orderservice.config.ConnectionOptions;
import dev.orderservice.config.Defaults;
import dev.orderservice.config.DurationConverter;
import dev.orderservice.config.ExitCodes;
import dev.orderservice.config.SettingException;
import dev.orderservice.http.Admission;
import dev.orderservice.http.HttpsFiles;
import dev.orderservice.config.Hosts;
import dev.orderservice.ingest.StreamSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code serve}, the default command: ingest the stream, store, cache and serve over HTTP. Its
 * options are settled into one {@link ServeSettings} before anything starts; a bad value ends
 * the start with a {@link StartupException}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Consume orders from JetStream into PostgreSQL and serve them over HTTP. With no "
                + "configuration it runs an embedded PostgreSQL and nats-server under the data dir.")
final class ServeCommand implements Callable<Integer> {

    /** A size, or 0 for no limit. */
    static final class StreamSizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return value.trim().equals("0") ? 0L : new ByteSizeConverter().convert(value);
        }
    }

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--http-port", paramLabel = "PORT",
            defaultValue = "${env:ORDERS_HTTP_PORT:-" + Defaults.HTTP_PORT + "}",
            description = "HTTP port; 0 picks a free one (env ORDERS_HTTP_PORT; default " + Defaults.HTTP_PORT + ").")
    private int httpPort;

    @Option(names = "--http-host", paramLabel = "ADDRESS", defaultValue = "${env:ORDERS_HTTP_HOST}",
            description = "Address to listen on (env ORDERS_HTTP_HOST; default " + Defaults.HTTP_HOST
                    + " with authentication, " + Defaults.HTTP_HOST_OPEN + " without; beyond loopback without "
                    + "authentication only with --auth none).")
    private String httpHost;

    @Option(names = "--http-tls-cert-file", paramLabel = "FILE", defaultValue = "${env:ORDERS_HTTP_TLS_CERT_FILE}",
            description = "PEM certificate chain, leaf first: the HTTP port speaks HTTPS, re-read when the file "
                    + "changes (env ORDERS_HTTP_TLS_CERT_FILE; with --http-tls-key-file).")
    private String httpTlsCertFile;

    @Option(names = "--http-tls-key-file", paramLabel = "FILE", defaultValue = "${env:ORDERS_HTTP_TLS_KEY_FILE}",
            description = "PEM key of that certificate, unencrypted (env ORDERS_HTTP_TLS_KEY_FILE).")
    private String httpTlsKeyFile;

    @Option(names = "--http-max-connections", paramLabel = "N",
            defaultValue = "${env:ORDERS_HTTP_MAX_CONNECTIONS:-" + Defaults.HTTP_MAX_CONNECTIONS + "}",
            description = "Open HTTP connections at most; past it new ones wait until one closes; 0 for no limit "
                    + "(env ORDERS_HTTP_MAX_CONNECTIONS; default " + Defaults.HTTP_MAX_CONNECTIONS + ").")
    private String httpMaxConnections;

    @Option(names = "--http-rate-limit", paramLabel = "PER_SECOND",
            defaultValue = "${env:ORDERS_HTTP_RATE_LIMIT:-" + Defaults.HTTP_RATE_LIMIT + "}",
            description = "Requests per second one client (address) may send on average; more get 429; 0 for no limit "
                    + "(env ORDERS_HTTP_RATE_LIMIT; default " + Defaults.HTTP_RATE_LIMIT + ").")
    private String httpRateLimit;

    @Option(names = "--http-rate-burst", paramLabel = "N",
            defaultValue = "${env:ORDERS_HTTP_RATE_BURST:-" + Defaults.HTTP_RATE_BURST + "}",
            description = "Requests one client may send at once before the rate limit applies "
                    + "(env ORDERS_HTTP_RATE_BURST; default " + Defaults.HTTP_RATE_BURST + ").")
    private String httpRateBurst;

    @Option(names = "--live-per-client", paramLabel = "N",
            defaultValue = "${env:ORDERS_LIVE_PER_CLIENT:-" + Defaults.LIVE_PER_CLIENT + "}",
            description = "Live feeds (/api/events) one client may hold open; more get 429; 0 for no limit "
                    + "(env ORDERS_LIVE_PER_CLIENT; default " + Defaults.LIVE_PER_CLIENT + ").")
    private String livePerClient;

    @Option(names = "--http-limit-exempt", paramLabel = "ADDRESSES",
            defaultValue = "${env:ORDERS_HTTP_LIMIT_EXEMPT:-" + Defaults.HTTP_LIMIT_EXEMPT + "}",
            description = "Addresses, ranges and CIDR blocks, comma-separated, that the per-client limits do not apply "
                    + "to; none for none (env ORDERS_HTTP_LIMIT_EXEMPT; default " + Defaults.HTTP_LIMIT_EXEMPT
                    + ": loopback).")
    private String httpLimitExempt;

    @Mixin
    private AuthOptions authOptions;

    @Option(names = "--cache-max-bytes", paramLabel = "SIZE", defaultValue = "${env:ORDERS_CACHE_MAX_BYTES}",
            converter = ByteSizeConverter.class,
            description = "Memory budget of the order cache, e.g. 512m (env ORDERS_CACHE_MAX_BYTES; default "
                    + Defaults.CACHE_HEAP_PERCENT + "%% of the maximum heap).")
    private Long cacheMaxBytes;

    @Option(names = "--max-message-bytes", paramLabel = "SIZE",
            defaultValue = "${env:ORDERS_MAX_MESSAGE_BYTES:-" + Defaults.MAX_MESSAGE_SIZE + "}",
            converter = ByteSizeConverter.class,
            description = "Larger messages are rejected unparsed (env ORDERS_MAX_MESSAGE_BYTES; default "
                    + Defaults.MAX_MESSAGE_SIZE + ").")
    private long maxMessageBytes;

    @Option(names = "--ack-wait-seconds", paramLabel = "SECONDS",
            defaultValue = "${env:ORDERS_ACK_WAIT_SECONDS:-" + Defaults.ACK_WAIT_SECONDS + "}",
            description = "Redelivery delay of unacknowledged messages, set when the consumer is created "
                    + "(env ORDERS_ACK_WAIT_SECONDS; default " + Defaults.ACK_WAIT_SECONDS + ").")
    private int ackWaitSeconds;

    @Option(names = "--max-deliveries", paramLabel = "N",
            defaultValue = "${env:ORDERS_MAX_DELIVERIES:-" + Defaults.MAX_DELIVERIES_TEXT + "}",
            description = "A message that fails to store this many times is rejected (env ORDERS_MAX_DELIVERIES; "
                    + "default " + Defaults.MAX_DELIVERIES_TEXT + ").")
    private int maxDeliveries;

    @Option(names = "--stream-replicas", paramLabel = "N",
            defaultValue = "${env:ORDERS_STREAM_REPLICAS:-" + Defaults.STREAM_REPLICAS + "}",
            description = "Replicas of the stream when the service creates it; 3 on a cluster "
                    + "(env ORDERS_STREAM_REPLICAS; default " + Defaults.STREAM_REPLICAS + ").")
    private int streamReplicas;

    @Option(names = "--rejected-retention", paramLabel = "DURATION",
            defaultValue = "${env:ORDERS_REJECTED_RETENTION:-" + Defaults.REJECTED_RETENTION + "}",
            description = "Rejected messages older than this are purged, e.g. 30d, 12h (env ORDERS_REJECTED_RETENTION; "
                    + "default " + Defaults.REJECTED_RETENTION + ").")
    private String rejectedRetention;

    @Option(names = "--rejected-payload-retention", paramLabel = "DURATION",
            defaultValue = "${env:ORDERS_REJECTED_PAYLOAD_RETENTION:-" + Defaults.REJECTED_PAYLOAD_RETENTION + "}",
            description = "Full payloads of rejected messages older than this are dropped; the 4 KiB head stays "
                    + "(env ORDERS_REJECTED_PAYLOAD_RETENTION; default " + Defaults.REJECTED_PAYLOAD_RETENTION + ").")
    private String rejectedPayloadRetention;

    @Option(names = "--stream-max-age", paramLabel = "DURATION",
            defaultValue = "${env:ORDERS_STREAM_MAX_AGE:-" + Defaults.STREAM_MAX_AGE + "}",
            description = "Age limit of the stream when the service creates it; 0 for none "
                    + "(env ORDERS_STREAM_MAX_AGE; default none).")
    private String streamMaxAge;

    @Option(names = "--stream-max-bytes", paramLabel = "SIZE", converter = StreamSizeConverter.class,
            defaultValue = "${env:ORDERS_STREAM_MAX_BYTES:-" + Defaults.STREAM_MAX_BYTES + "}",
            description = "Size limit of the stream when the service creates it, e.g. 10g; 0 for none "
                    + "(env ORDERS_STREAM_MAX_BYTES; default none).")
    private long streamMaxBytes;

    @Override
    public Integer call() throws Exception {
        try (App app = App.start(settings())) {
            app.awaitStop();
        }
        return ExitCodes.OK;
    }

    /**
     * @throws StartupException when a value is out of range, ORDERS_LOG_FORMAT names no format, the access
     *     settings contradict each other, or the service would listen beyond loopback with no authentication
     * @throws SettingException when a secret or certificate file cannot be used
     */
    private ServeSettings settings() throws StartupException, SettingException {
        if (httpPort < 0 || httpPort > 65535) {
            throw new StartupException("ORDERS_HTTP_PORT / --http-port must be 0 to 65535, is " + httpPort);
        }
        if (ackWaitSeconds < 1 || maxDeliveries < 1 || streamReplicas < 1 || streamReplicas > 5) {
            throw new StartupException("--ack-wait-seconds and --max-deliveries must be at least 1, "
                    + "--stream-replicas 1 to 5");
        }
        if (maxMessageBytes > Integer.MAX_VALUE) {
            throw new StartupException("--max-message-bytes must be below 2g");
        }
        AuthSettings auth;
        try {
            auth = authOptions.settings();
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage());
        }
        String host = httpHost == null || httpHost.isBlank() ? (auth.required() ? Defaults.HTTP_HOST
                : Defaults.HTTP_HOST_OPEN) : httpHost.strip();
        if (!auth.required() && !auth.explicitlyOpen() && !Hosts.isLoopback(host)) {
            throw new StartupException("refusing to serve orders on " + host + " to anyone who asks: set "
                    + "ORDERS_AUTH_TOKENS_FILE or ORDERS_AUTH_JWT_*, or ORDERS_AUTH=none to serve without "
                    + "authentication, or ORDERS_HTTP_HOST=127.0.0.1");
        }
        long budget = cacheMaxBytes != null ? cacheMaxBytes
                : Runtime.getRuntime().maxMemory() / 100 * Defaults.CACHE_HEAP_PERCENT;
        Duration rejectedFor = duration("ORDERS_REJECTED_RETENTION / --rejected-retention", rejectedRetention, false);
        Duration payloadsFor = duration("ORDERS_REJECTED_PAYLOAD_RETENTION / --rejected-payload-retention",
                rejectedPayloadRetention, false);
        Duration streamAge = duration("ORDERS_STREAM_MAX_AGE / --stream-max-age", streamMaxAge, true);
        var stream = new StreamSettings(connection.stream(), connection.subject(), connection.consumer(),
                Duration.ofSeconds(ackWaitSeconds), maxDeliveries, streamReplicas, streamAge, streamMaxBytes);
        var http = new ServeSettings.Http(host, httpPort, https(), limits());
        return new ServeSettings(connection.settings(), stream, http, auth, budget, (int) maxMessageBytes,
                LogFormat.fromEnvironment(), new ServeSettings.Retention(rejectedFor, payloadsFor));
    }

    private HttpsFiles https() throws StartupException {
        boolean cert = httpTlsCertFile != null && !httpTlsCertFile.isBlank();
        boolean key = httpTlsKeyFile != null && !httpTlsKeyFile.isBlank();
        if (cert != key) {
            throw new StartupException("ORDERS_HTTP_TLS_CERT_FILE and ORDERS_HTTP_TLS_KEY_FILE go together: set both "
                    + "for HTTPS, or neither");
        }
        return cert ? new HttpsFiles(Path.of(httpTlsCertFile.strip()), Path.of(httpTlsKeyFile.strip())) : null;
    }

    private Admission.Limits limits() throws StartupException {
        int rate = count("ORDERS_HTTP_RATE_LIMIT / --http-rate-limit", httpRateLimit, 0);
        var limits = new Admission.Limits(count("ORDERS_HTTP_MAX_CONNECTIONS / --http-max-connections",
                httpMaxConnections, 0), rate, count("ORDERS_HTTP_RATE_BURST / --http-rate-burst", httpRateBurst, 1),
                count("ORDERS_LIVE_PER_CLIENT / --live-per-client", livePerClient, 0),
                Admission.Limits.exemptList(httpLimitExempt));
        try {
            new Admission(limits);
        } catch (IllegalArgumentException e) {
            throw new StartupException("ORDERS_HTTP_LIMIT_EXEMPT / --http-limit-exempt: " + e.getMessage());
        }
        return limits;
    }

    /** The setting as a whole number of at least {@code min}, or one line naming it. */
    private static int count(String setting, String text, int min) throws StartupException {
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            value = Integer.MIN_VALUE;
        }
        if (value < min) {
            throw new StartupException(setting + " must be a whole number of at least " + min
                    + (min == 0 ? " (0 for no limit)" : "") + ", is '" + text + "'");
        }
        return value;
    }

    /** The setting as a duration, or one line naming it and saying what a duration looks like. */
    private static Duration duration(String setting, String text, boolean zeroAllowed) throws StartupException {
        Duration duration;
        try {
            duration = new DurationConverter().convert(text);
        } catch (TypeConversionException e) {
            duration = null;
        }
        if (duration == null || duration.isNegative() || (duration.isZero() && !zeroAllowed)) {
            throw new StartupException(setting + " must be a duration like 30d, 12h, 15m or 10s"
                    + (zeroAllowed ? " (0 for none)" : "") + ", is '" + text + "'");
        }
        return duration;
    }
}
