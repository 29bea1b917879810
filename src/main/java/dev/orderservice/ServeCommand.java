package dev.orderservice;

import dev.orderservice.config.ByteSizeConverter;
import dev.orderservice.config.ConnectionOptions;
import dev.orderservice.ingest.StreamNames;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}, the default command: ingest the stream, store, cache and serve over HTTP. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Consume orders from JetStream into PostgreSQL and serve them over HTTP. With no "
                + "configuration it runs an embedded PostgreSQL and nats-server under the data dir.")
final class ServeCommand implements Callable<Integer> {

    /** Share of the maximum heap the cache takes when no budget is configured. */
    static final double DEFAULT_CACHE_HEAP_SHARE = 0.35;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:ORDERS_HTTP_PORT:-8080}",
            description = "HTTP port; 0 picks a free one (env ORDERS_HTTP_PORT; default 8080).")
    int httpPort;

    @Option(names = "--http-host", paramLabel = "ADDRESS", defaultValue = "${env:ORDERS_HTTP_HOST:-0.0.0.0}",
            description = "Address to listen on (env ORDERS_HTTP_HOST; default 0.0.0.0).")
    String httpHost;

    @Option(names = "--cache-max-bytes", paramLabel = "SIZE", defaultValue = "${env:ORDERS_CACHE_MAX_BYTES}",
            converter = ByteSizeConverter.class,
            description = "Memory budget of the order cache, e.g. 512m (env ORDERS_CACHE_MAX_BYTES; default 35% "
                    + "of the maximum heap).")
    Long cacheMaxBytes;

    @Option(names = "--max-message-bytes", paramLabel = "SIZE",
            defaultValue = "${env:ORDERS_MAX_MESSAGE_BYTES:-256k}", converter = ByteSizeConverter.class,
            description = "Larger messages are rejected unparsed (env ORDERS_MAX_MESSAGE_BYTES; default 256k).")
    long maxMessageBytes;

    @Option(names = "--ack-wait-seconds", paramLabel = "SECONDS",
            defaultValue = "${env:ORDERS_ACK_WAIT_SECONDS:-30}",
            description = "Redelivery delay of unacknowledged messages, set when the consumer is created "
                    + "(env ORDERS_ACK_WAIT_SECONDS; default 30).")
    int ackWaitSeconds;

    @Option(names = "--max-deliveries", paramLabel = "N", defaultValue = "${env:ORDERS_MAX_DELIVERIES:-5}",
            description = "A message that fails to store this many times is rejected (env ORDERS_MAX_DELIVERIES; "
                    + "default 5).")
    int maxDeliveries;

    @Option(names = "--stream-replicas", paramLabel = "N", defaultValue = "${env:ORDERS_STREAM_REPLICAS:-1}",
            description = "Replicas of the stream when the service creates it; 3 on a cluster "
                    + "(env ORDERS_STREAM_REPLICAS; default 1).")
    int streamReplicas;

    @Override
    public Integer call() throws Exception {
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
        long budget = cacheMaxBytes != null ? cacheMaxBytes
                : (long) (Runtime.getRuntime().maxMemory() * DEFAULT_CACHE_HEAP_SHARE);
        var names = new StreamNames(connection.stream, connection.subject, connection.consumer,
                Duration.ofSeconds(ackWaitSeconds), maxDeliveries, streamReplicas);
        var settings = new ServeSettings(connection, httpHost, httpPort, budget, (int) maxMessageBytes, names);
        try (App app = App.start(settings)) {
            app.awaitStop();
        }
        return 0;
    }
}
