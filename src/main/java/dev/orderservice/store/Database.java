package dev.orderservice.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.orderservice.logging.OutageReport;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL connection pools and the schema migrations.
 *
 * <p>The pools are created without touching the database ({@code initializationFailTimeout = -1}),
 * so the service can start, answer health checks and wait while PostgreSQL is unreachable;
 * connections are made as they are needed. For the same reason {@link #migratePatiently()} waits
 * while PostgreSQL cannot be reached and gives up only on what waiting cannot mend.
 *
 * <p>{@link #forServe} keeps readers from starving ingest: the writers get a pool of their own
 * ({@link #writeDataSource()}) that no reader ever borrows from, and every statement on the read
 * pool ({@link #dataSource()}) is cut off after {@link #READ_STATEMENT_TIMEOUT}. Deletes (retention,
 * erase) go through {@link #deleteDataSource()}: the migration login where one is set, so the app
 * login stays insert-only. {@link #pool} is one pool for all three, for one-shot commands and tests.
 */
public final class Database implements AutoCloseable {

    /** How long serve's callers wait for a pooled connection before they answer that PostgreSQL is unavailable. */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    /**
     * How long a one-shot command's pool waits for a connection: its first also pays for a cold
     * JVM's TLS and SCRAM on a loaded machine (more than 3 s was seen in CI). So a command takes up
     * to this long to say that PostgreSQL cannot be reached.
     */
    public static final Duration COMMAND_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    public static final int POOL_MAX_CONNECTIONS = 8;
    /** A read that takes longer is cancelled by PostgreSQL: a slow reader never holds a connection for long. */
    public static final Duration READ_STATEMENT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MIGRATE_RETRY = Duration.ofSeconds(2);
    /**
     * Flyway holds three connections at once while it migrates (history table, lock, migration);
     * serve migrates through the ingest pool before ingest starts, so that pool has at least these.
     */
    private static final int MIGRATION_CONNECTIONS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource reads;
    private final HikariDataSource writes;
    private final HikariDataSource deletes;
    private final String url;
    private final Migrations migrations;
    private final String migrationLogin;

    private Database(HikariDataSource reads, HikariDataSource writes, HikariDataSource deletes, String url,
            Migrations migrations, String migrationLogin) {
        this.reads = reads;
        this.writes = writes;
        this.deletes = deletes;
        this.url = url;
        this.migrations = migrations;
        this.migrationLogin = migrationLogin;
    }

    /** A login of its own for migrations (ORDERS_DB_MIGRATION_USER); blank user: use the pool's. */
    public record Login(String user, String password) {
        public boolean isSet() {
            return user != null && !user.isBlank();
        }

        /** The settings that choose the login migrations run as, for messages that say what to fix. */
        public String settingsForMigrations() {
            return isSet() ? PostgresFailure.MIGRATION_LOGIN : PostgresFailure.APP_LOGIN;
        }
    }

    public static Database pool(String jdbcUrl, String user, String password, String poolName,
            MeterRegistry metrics) {
        return pool(jdbcUrl, user, password, new Login(null, null), poolName, metrics);
    }

    /**
     * One pool logged in as {@code user}, for reads, writes and deletes; migrations run as
     * {@code migration} when it is set, and then grant {@code user} the service's privileges.
     */
    public static Database pool(String jdbcUrl, String user, String password, Login migration, String poolName,
            MeterRegistry metrics) {
        HikariDataSource pool = hikari(jdbcUrl, user, password, poolName, POOL_MAX_CONNECTIONS, metrics, null,
                COMMAND_CONNECTION_TIMEOUT);
        return new Database(pool, pool, pool, jdbcUrl, migrations(jdbcUrl, user, migration, pool),
                migration.settingsForMigrations());
    }

    /**
     * serve's pools: reads ({@value #POOL_MAX_CONNECTIONS} connections, named {@code orders}, with
     * statement timeouts), {@code writers} connections for ingest alone ({@code orders-ingest}; at least
     * what migrations need, as they run through it before ingest starts), and
     * one connection for deletes ({@code orders-delete}), as the migration login when it is set.
     */
    public static Database forServe(String jdbcUrl, String user, String password, Login migration,
            int writers, MeterRegistry metrics) {
        HikariDataSource reads = hikari(jdbcUrl, user, password, "orders", POOL_MAX_CONNECTIONS, metrics,
                READ_STATEMENT_TIMEOUT, CONNECTION_TIMEOUT);
        HikariDataSource writes = hikari(jdbcUrl, user, password, "orders-ingest",
                Math.max(writers, MIGRATION_CONNECTIONS), metrics, null, CONNECTION_TIMEOUT);
        HikariDataSource deletes = migration.isSet()
                ? hikari(jdbcUrl, migration.user(), migration.password(), "orders-delete", 1, metrics, null,
                        CONNECTION_TIMEOUT)
                : hikari(jdbcUrl, user, password, "orders-delete", 1, metrics, null, CONNECTION_TIMEOUT);
        return new Database(reads, writes, deletes, jdbcUrl, migrations(jdbcUrl, user, migration, writes),
                migration.settingsForMigrations());
    }

    private static Migrations migrations(String jdbcUrl, String user, Login migration, HikariDataSource pool) {
        return migration.isSet() ? Migrations.as(jdbcUrl, migration.user(), migration.password(), user)
                : Migrations.through(pool);
    }

    private static HikariDataSource hikari(String jdbcUrl, String user, String password, String poolName,
            int size, MeterRegistry metrics, Duration statementTimeout, Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null && !user.isEmpty()) {
            config.setUsername(user);
        }
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        config.setPoolName(poolName);
        if (metrics != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        }
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("ApplicationName", "order-service");
        config.addDataSourceProperty("connectTimeout", "3");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        if (statementTimeout != null) {
            config.addDataSourceProperty("options", "-c statement_timeout=" + statementTimeout.toMillis());
        }
        return new HikariDataSource(config);
    }

    /**
     * Applies pending migrations.
     *
     * @throws FlywayException when the database is unreachable or a migration fails
     */
    public Migrations.Applied migrate() {
        return migrations.migrate();
    }

    /**
     * Applies pending migrations, trying again every {@link #MIGRATE_RETRY} for as long as the
     * failure {@linkplain PostgresFailure.Kind#passesByItself() passes by itself}; logs one line
     * when the wait starts (and every {@link OutageReport#EVERY}) and one when it is over.
     *
     * @throws UnusableDatabaseException when waiting cannot help; its message names the fix
     * @throws InterruptedException      when the service stops meanwhile
     */
    public Migrations.Applied migratePatiently() throws InterruptedException, UnusableDatabaseException {
        OutageReport outage = new OutageReport();
        while (true) {
            try {
                Migrations.Applied applied = migrate();
                if (outage.over()) {
                    LOG.info("PostgreSQL at {} is reachable now", url);
                }
                return applied;
            } catch (RuntimeException e) {
                PostgresFailure failure = PostgresFailure.of(e);
                if (!failure.kind().passesByItself()) {
                    throw new UnusableDatabaseException(failure.describe(url, migrationLogin), e);
                }
                if (outage.due()) {
                    LOG.warn("PostgreSQL is unreachable at {} ({}); waiting for it", url, failure.line());
                }
                Thread.sleep(MIGRATE_RETRY);
            }
        }
    }

    public Migrations migrations() {
        return migrations;
    }

    /** Reads: HTTP, readiness, warm-up. */
    public DataSource dataSource() {
        return reads;
    }

    /** Ingest's writers; readers never borrow from it. */
    public DataSource writeDataSource() {
        return writes;
    }

    /** Deletes (retention, erase): the migration login where one is set. */
    public DataSource deleteDataSource() {
        return deletes;
    }

    /** The JDBC URL without credentials, for logs. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        reads.close();
        writes.close();
        deletes.close();
    }
}
