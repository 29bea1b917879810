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
 * The PostgreSQL connection pool and the schema migrations.
 *
 * <p>The pool is created without touching the database ({@code initializationFailTimeout = -1}),
 * so the service can start, answer health checks and wait while PostgreSQL is unreachable;
 * connections are made as they are needed. For the same reason {@link #migratePatiently()} waits
 * while PostgreSQL cannot be reached and gives up only on what waiting cannot mend.
 */
public final class Database implements AutoCloseable {

    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    public static final int POOL_MAX_CONNECTIONS = 8;
    private static final Duration MIGRATE_RETRY = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final String url;
    private final Migrations migrations;
    private final String migrationLogin;

    private Database(HikariDataSource pool, String url, Migrations migrations, String migrationLogin) {
        this.pool = pool;
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
     * A pool logged in as {@code user}; migrations run as {@code migration} when it is set, and
     * then grant {@code user} the service's privileges.
     */
    public static Database pool(String jdbcUrl, String user, String password, Login migration, String poolName,
            MeterRegistry metrics) {
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
        config.setMaximumPoolSize(POOL_MAX_CONNECTIONS);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("ApplicationName", "order-service");
        config.addDataSourceProperty("connectTimeout", "3");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        HikariDataSource pool = new HikariDataSource(config);
        Migrations migrations = migration.isSet()
                ? Migrations.as(jdbcUrl, migration.user(), migration.password(), user)
                : Migrations.through(pool);
        return new Database(pool, jdbcUrl, migrations,
                migration.settingsForMigrations());
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

    public DataSource dataSource() {
        return pool;
    }

    /** The JDBC URL without credentials, for logs. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        pool.close();
    }
}
