package dev.orderservice;

import dev.orderservice.access.Access;
import dev.orderservice.access.AuditLog;
import dev.orderservice.cache.CacheMetrics;
import dev.orderservice.cache.CacheWarmer;
import dev.orderservice.cache.OrderCache;
import dev.orderservice.config.ExitCodes;
import dev.orderservice.config.SettingException;
import dev.orderservice.embedded.BackingServices;
import dev.orderservice.http.Admission;
import dev.orderservice.http.HttpApi;
import dev.orderservice.http.HttpServer;
import dev.orderservice.http.LiveFeed;
import dev.orderservice.ingest.Broker;
import dev.orderservice.ingest.ConsumerLag;
import dev.orderservice.ingest.DurableConsumer;
import dev.orderservice.ingest.IngestLoop;
import dev.orderservice.ingest.IngestMetrics;
import dev.orderservice.ingest.IngestObserver;
import dev.orderservice.ingest.IngestObservers;
import dev.orderservice.ingest.StreamSetup;
import dev.orderservice.json.Json;
import dev.orderservice.peers.PeerNotices;
import dev.orderservice.store.Database;
import dev.orderservice.store.Listings;
import dev.orderservice.store.OrderReader;
import dev.orderservice.store.OrderWriter;
import dev.orderservice.store.ReadThroughs;
import dev.orderservice.store.RejectedRetention;
import dev.orderservice.store.StoredIds;
import dev.orderservice.store.StoredIdsLoader;
import dev.orderservice.store.UnusableDatabaseException;
import dev.orderservice.validation.MessageDecoder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nats.client.Connection;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one wiring place: builds every part from the settings, starts them in order and stops them
 * in reverse. HTTP comes up first and answers (not ready) while PostgreSQL and NATS are still
 * being reached; ingest and warm-up start once both are there.
 */
final class App implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(App.class);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final ServeSettings settings;
    private final BackingServices services;
    private final Database database;
    private final OrderCache cache;
    /** One reader for HTTP's read-through and the cache's warm-up. */
    private final OrderReader reader;
    /** Which ids are stored: a lookup of one that never was costs no query. */
    private final StoredIds storedIds = new StoredIds();
    private final StoredIdsLoader storedIdsLoader;
    private final RejectedRetention retention;
    private final AtomicLong erased = new AtomicLong();
    private volatile PeerNotices peers;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ServiceReadiness readiness;
    /** The web page's live list and ingest rate; fed by ingest, read by HTTP. */
    private final LiveFeed live;
    /** Who may read what; reloads the tokens file in the background. */
    private final Access access;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread startup;
    private HttpServer server;
    private volatile Connection broker;
    private volatile IngestLoop ingest;
    /** The meters are bound at start, so /metrics lists every orders_* series during a start-up outage. */
    private final IngestMetrics ingestMetrics;
    private final CacheWarmer warmer;
    private final ConsumerLag lag;

    private App(ServeSettings settings, BackingServices services, Access access) {
        this.settings = settings;
        this.services = services;
        this.access = access;
        this.database = Database.forServe(services.dbUrl(), services.dbUser(), services.dbPassword(),
                services.dbMigrationLogin(), IngestLoop.WRITERS, metrics);
        this.cache = new OrderCache(settings.cacheMaxBytes());
        var readThroughs = new ReadThroughs(ReadThroughs.MAX_CONCURRENT);
        this.reader = new OrderReader(database.dataSource(), storedIds, readThroughs);
        this.storedIdsLoader = new StoredIdsLoader(reader, storedIds);
        this.retention = new RejectedRetention(database.deleteDataSource(), settings.retention().rejected(),
                settings.retention().rejectedPayload());
        this.live = new LiveFeed(new Admission(settings.http().limits()));
        LifecycleMeters.bind(metrics, storedIds, readThroughs, retention, erased, live.admission());
        this.readiness = new ServiceReadiness(database, cache);
        ProcessMeters.bind(metrics);
        this.ingestMetrics = new IngestMetrics(metrics);
        this.warmer = new CacheWarmer(reader, cache);
        CacheMetrics.bind(metrics, cache, warmer);
        this.lag = ConsumerLag.bind(metrics);
        this.startup = Thread.ofPlatform().name("startup").daemon().unstarted(this::connectAndIngest);
    }

    /**
     * Starts the service: embedded services if configured so, then HTTP, then (in the background)
     * migrations, the broker, warm-up and ingest.
     *
     * @throws StartupException when something the service cannot run without fails to start
     */
    static App start(ServeSettings settings) throws StartupException, InterruptedException {
        BackingServices services;
        try {
            services = BackingServices.start(settings.connection());
        } catch (IOException e) {
            throw new StartupException(e.getMessage(), e);
        }
        Access access;
        try {
            access = Access.start(settings.auth());
        } catch (IOException e) {
            services.close();
            throw new StartupException("cannot read ORDERS_AUTH_TOKENS_FILE " + settings.auth().tokensFile() + " ("
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()) + ")", e);
        }
        App app = new App(settings, services, access);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stopFromSignal, "shutdown"));
        // Migrations and the broker connection run while the HTTP server is built: on a cold JVM
        // each mostly loads classes, and doing that side by side is what makes readiness come soon.
        app.startup.start();
        Thread.ofPlatform().name("json-init").daemon().start(Json::mapper);
        try {
            app.server = HttpApi.start(settings.http().host(), settings.http().port(), settings.http().https(),
                    new HttpApi.Parts(app.cache, app.reader, new Listings(app.database.dataSource()), app.readiness,
                            app.metrics, app.live, app.access));
        } catch (SettingException e) {
            app.close();
            throw new StartupException(e.getMessage(), e);
        } catch (RuntimeException e) {
            app.close();
            throw new StartupException("cannot listen on " + settings.http().host() + ":" + settings.http().port()
                    + " (" + e.getMessage() + "); is the port taken? set ORDERS_HTTP_PORT", e);
        }
        StartLine.log(LOG, settings, services, app.server.port());
        if (settings.auth().explicitlyOpen()) {
            LOG.warn("ORDERS_AUTH=none: anyone who can reach {}:{} can read every order, the rejected messages and "
                    + "the metrics; configure ORDERS_AUTH_TOKENS_FILE or ORDERS_AUTH_JWT_* to protect them",
                    settings.http().host(), app.server.port());
        }
        services.publishRuntime(app.server.port());
        return app;
    }

    int httpPort() {
        return server.port();
    }

    void awaitStop() throws InterruptedException {
        stopRequested.await();
    }

    private void connectAndIngest() {
        var connecting = new FutureTask<>(this::connectBroker);
        Thread.ofPlatform().name("broker-connect").daemon().start(connecting);
        try {
            database.migratePatiently();
            readiness.migrated();
            Thread.ofPlatform().name("cache-warmer").daemon().start(warmer);
            Thread.ofPlatform().name("id-filter").daemon().start(storedIdsLoader);
            Thread.ofPlatform().name("rejected-retention").daemon().start(retention);
            Connection connection = awaitBroker(connecting);
            peers = PeerNotices.start(connection, settings.stream().stream(), storedIds, cache, erased, live);
            IngestObserver knownIds = (outcome, messages, nanos) -> outcome.stored()
                    .forEach(stored -> storedIds.add(stored.orderUid()));
            ingest = new IngestLoop(new DurableConsumer(connection, settings.stream()),
                    new MessageDecoder(settings.maxMessageBytes()),
                    new OrderWriter(database.writeDataSource(), OrderWriter.Rows.COPY, storedIds)::write, cache,
                    IngestObservers.all(ingestMetrics, live, knownIds, peers), settings.stream().maxDeliveries());
            readiness.ingest(ingest);
            // asked by name, so the gauges follow a consumer that ingest has to create again
            lag.start(connection.getStreamContext(settings.stream().stream())
                    .getConsumerContext(settings.stream().consumer()));
            Thread.ofPlatform().name("ingest").start(ingest);
            LOG.info("ingesting from stream {} through consumer {}", settings.stream().stream(),
                    settings.stream().consumer());
        } catch (InterruptedException e) {
            connecting.cancel(true);
            Thread.currentThread().interrupt();
        } catch (UnusableDatabaseException | SettingException e) {
            LOG.error("{}", e.getMessage());
            Main.exitLater(ExitCodes.CANNOT_START);
        } catch (Exception e) {
            LOG.error("cannot start ingest: {}", e.getMessage(), e);
            Main.exitLater(ExitCodes.CANNOT_START);
        }
    }

    /**
     * Connects to NATS (waiting while it is unreachable) and makes sure the stream and consumer
     * exist. The connection is kept in {@link #broker} at once, so a stop during migrations closes it.
     */
    private Connection connectBroker() throws Exception {
        Connection connection = Broker.connectPatiently(services.natsUrl(), services.natsSecurity(), "order-service");
        broker = connection;
        readiness.broker(connection);
        StreamSetup.ensure(connection, settings.stream());
        return connection;
    }

    private static Connection awaitBroker(FutureTask<Connection> connecting) throws Exception {
        try {
            return connecting.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void stopFromSignal() {
        stopRequested.countDown();
        try {
            closed.await(STOP_TIMEOUT.toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stop fetching, let the batch in flight commit and be acked, then close in reverse order. */
    @Override
    public void close() {
        stopRequested.countDown();
        try {
            startup.interrupt();
            if (ingest != null) {
                ingest.stop(STOP_TIMEOUT);
            }
            warmer.stop();
            storedIdsLoader.stop();
            retention.stop();
            lag.stop();
            if (peers != null) {
                peers.close();
            }
            if (broker != null) {
                broker.flush(Duration.ofSeconds(2));
                broker.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("while stopping the consumer: {}", e.getMessage());
        }
        live.close();
        if (server != null) {
            server.close();
        }
        access.close();
        database.close();
        services.close();
        LOG.info("order-service stopped");
        AuditLog.flush();
        closed.countDown();
    }
}
