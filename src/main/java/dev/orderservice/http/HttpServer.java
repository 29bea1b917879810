package dev.orderservice.http;

import dev.orderservice.config.SettingException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.LoggerFactory;

/**
 * The running Jetty server: one connector, HTTP/1.1 or HTTPS ({@link TlsConnector}), {@link Router} as the handler behind
 * the per-client rate limit, a limit on open connections ({@link Admission}), problem bodies for Jetty's own errors, and a
 * virtual-thread executor for the routes that block.
 *
 * <p>Threads: one acceptor, one selector and a pool of 8 serve cache hits fastest on two cores,
 * where a second selector would compete with the clients for the CPU.
 *
 * <p>Stopping is graceful: the connector stops accepting, requests in flight get up to
 * {@link #STOP_TIMEOUT} to finish, then connections close.
 */
public final class HttpServer implements AutoCloseable {

    /** Selector threads; a selector answers cache hits itself, so this is the hot path's parallelism. */
    static final int SELECTORS = 1;
    static final int ACCEPTORS = 1;
    /** Jetty's pool: selectors, acceptors and the threads its execution strategy hands production to. */
    static final int MAX_THREADS = 8;
    /** A connection with nothing to read or write for this long is closed; the live feed beats every 15 s. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Server server;
    private final ServerConnector connector;
    private final ExecutorService blocking;

    private HttpServer(Server server, ServerConnector connector, ExecutorService blocking) {
        this.server = server;
        this.connector = connector;
        this.blocking = blocking;
    }

    /**
     * @param https the certificate files, or null for plain HTTP
     * @throws SettingException when the certificate files cannot be used
     */
    static HttpServer start(String host, int port, HttpsFiles https, Routes routes, MeterRegistry registry,
            Guard guard, Admission admission) throws SettingException {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 1 + ACCEPTORS + SELECTORS);
        threads.setName("http");
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setRequestHeaderSize(HttpApi.MAX_HEADER_BYTES);
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        ServerConnector connector = https == null
                ? new ServerConnector(server, ACCEPTORS, SELECTORS, new HttpConnectionFactory(config))
                : TlsConnector.create(server, config, https, ACCEPTORS, SELECTORS, TlsConnector.RELOAD_CHECK);
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        ExecutorService blocking = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-blocking-", 0)
                .factory());
        Router router = new Router(routes, new HttpMetrics(registry, routes.templates()), blocking, guard);
        server.setHandler(new GracefulHandler(admission.rateLimited(router)));
        admission.limitConnections(server);
        server.setErrorHandler(new ProblemErrorHandler());
        server.setStopTimeout(STOP_TIMEOUT.toMillis());
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (Exception e) {
            stopQuietly(server);
            throw new IllegalStateException(e.getMessage(), e);
        }
        return new HttpServer(server, connector, blocking);
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Stops accepting, lets requests in flight finish (up to {@link #STOP_TIMEOUT}), then closes. */
    @Override
    public void close() {
        stopQuietly(server);
        blocking.shutdownNow();
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LoggerFactory.getLogger(HttpServer.class).warn("while stopping HTTP: {}", e.toString());
        }
    }
}
