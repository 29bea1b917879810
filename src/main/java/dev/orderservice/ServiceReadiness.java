package dev.orderservice;

import dev.orderservice.cache.OrderCache;
import dev.orderservice.http.Readiness;
import dev.orderservice.ingest.IngestLoop;
import dev.orderservice.store.Database;
import io.nats.client.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the service has reached so far (schema migrated, broker connected, consumer running) and
 * whether its dependencies answer now: the readiness verdict. Probing PostgreSQL is rate-limited
 * so that a flood of health checks cannot become a flood of queries. It only observes: {@code App}
 * reports each stage reached ({@link #migrated()}, {@link #broker}, {@link #ingest}).
 */
final class ServiceReadiness implements Readiness {

    static final Duration DB_PROBE_INTERVAL = Duration.ofSeconds(1);

    private final Database database;
    private final OrderCache cache;
    private volatile boolean migrated;
    private volatile Connection broker;
    private volatile IngestLoop ingest;
    private volatile boolean databaseUp;
    private volatile long lastProbeNanos;

    ServiceReadiness(Database database, OrderCache cache) {
        this.database = database;
        this.cache = cache;
    }

    /** The schema is migrated, which also proves PostgreSQL answered just now. */
    void migrated() {
        migrated = true;
        databaseUp = true;
    }

    void broker(Connection connection) {
        this.broker = connection;
    }

    void ingest(IngestLoop loop) {
        this.ingest = loop;
    }

    @Override
    public Map<String, Boolean> checks() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("database", migrated && databaseAnswers());
        Connection b = broker;
        checks.put("broker", b != null && b.getStatus() == Connection.Status.CONNECTED);
        IngestLoop loop = ingest;
        checks.put("consumer", loop != null && loop.isConsuming() && loop.isStoreHealthy());
        return checks;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> cacheDetails = new LinkedHashMap<>();
        cacheDetails.put("entries", cache.size());
        cacheDetails.put("bytes", cache.usedBytes());
        cacheDetails.put("max_bytes", cache.maxBytes());
        return Map.of("cache", cacheDetails);
    }

    private boolean databaseAnswers() {
        long now = System.nanoTime();
        if (now - lastProbeNanos > DB_PROBE_INTERVAL.toNanos()) {
            lastProbeNanos = now;
            try (var connection = database.dataSource().getConnection()) {
                databaseUp = connection.isValid(1);
            } catch (SQLException e) {
                databaseUp = false;
            }
        }
        return databaseUp;
    }
}
