package dev.orderservice;

import dev.orderservice.cache.OrderCache;
import dev.orderservice.http.Readiness;
import dev.orderservice.ingest.Failures;
import dev.orderservice.ingest.IngestLoop;
import dev.orderservice.ingest.OutageReport;
import dev.orderservice.store.Database;
import io.nats.client.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the service has reached so far (schema migrated, broker connected, consumer running) and
 * whether its dependencies answer now: the readiness verdict. Probing PostgreSQL is rate-limited
 * so that a flood of health checks cannot become a flood of queries.
 */
final class ServiceState implements Readiness {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceState.class);
    static final Duration DB_PROBE_INTERVAL = Duration.ofSeconds(1);
    static final Duration MIGRATE_RETRY = Duration.ofSeconds(2);

    private final Database database;
    private final OrderCache cache;
    private volatile boolean migrated;
    private volatile Connection broker;
    private volatile IngestLoop ingest;
    private volatile boolean databaseUp;
    private volatile long lastProbeNanos;

    ServiceState(Database database, OrderCache cache) {
        this.database = database;
        this.cache = cache;
    }

    /** Thrown when waiting cannot help: bad credentials, a missing database, a broken migration. */
    static final class FatalStoreException extends Exception {
        FatalStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Applies migrations, waiting for PostgreSQL as long as it is merely unreachable. */
    void awaitMigrated(Database db) throws InterruptedException, FatalStoreException {
        OutageReport outage = new OutageReport();
        while (true) {
            try {
                db.migrate();
                migrated = true;
                databaseUp = true;
                if (outage.over()) {
                    LOG.info("PostgreSQL at {} is reachable now", db.url());
                }
                return;
            } catch (RuntimeException e) {
                SQLException sql = rootSqlException(e);
                String state = sql == null ? null : sql.getSQLState();
                if (sql == null || (state != null && waitingCannotHelp(state))) {
                    throw new FatalStoreException("cannot use PostgreSQL at " + db.url() + ": "
                            + Failures.describe(sql != null ? sql : e) + " - check ORDERS_DB_URL, ORDERS_DB_USER and "
                            + "ORDERS_DB_PASSWORD (and ORDERS_DB_MIGRATION_USER / _PASSWORD when set)", e);
                }
                if (outage.due()) {
                    LOG.warn("PostgreSQL is unreachable at {} ({}); waiting for it", db.url(), Failures.describe(sql));
                }
                Thread.sleep(MIGRATE_RETRY);
            }
        }
    }

    /**
     * SQLState classes no retry fixes: 28 credentials, 3D000 missing database, 42 a privilege or
     * object the migration needs (e.g. the app role lacks CREATE), P0 the grant callback's own error.
     */
    private static boolean waitingCannotHelp(String state) {
        return state.startsWith("28") || state.equals("3D000") || state.startsWith("42") || state.startsWith("P0");
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

    private static SQLException rootSqlException(Throwable e) {
        SQLException found = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                found = sql;
            }
        }
        return found;
    }

}
