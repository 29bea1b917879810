package dev.orderservice.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The PostgreSQL connection pool and the schema migrations.
 *
 * <p>The pool is created without touching the database ({@code initializationFailTimeout = -1}),
 * so the service can start, answer health checks and wait while PostgreSQL is unreachable;
 * connections are made as they are needed.
 */
public final class Database implements AutoCloseable {

    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    public static final int POOL_MAX_CONNECTIONS = 8;

    private final HikariDataSource pool;
    private final String url;
    private final Migrations migrations;

    private Database(HikariDataSource pool, String url, Migrations migrations) {
        this.pool = pool;
        this.url = url;
        this.migrations = migrations;
    }

    /** A login of its own for migrations (ORDERS_DB_MIGRATION_USER); blank user: use the pool's. */
    public record Login(String user, String password) {
        public boolean isSet() {
            return user != null && !user.isBlank();
        }
    }

    public static Database pool(String jdbcUrl, String user, String password, String poolName,
            io.micrometer.core.instrument.MeterRegistry metrics) {
        return pool(jdbcUrl, user, password, new Login(null, null), poolName, metrics);
    }

    /**
     * A pool logged in as {@code user}; migrations run as {@code migration} when it is set, and
     * then grant {@code user} the service's privileges.
     */
    public static Database pool(String jdbcUrl, String user, String password, Login migration, String poolName,
            io.micrometer.core.instrument.MeterRegistry metrics) {
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
            config.setMetricsTrackerFactory(new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(metrics));
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
        return new Database(pool, jdbcUrl, migrations);
    }

    /**
     * Applies pending migrations.
     *
     * @throws org.flywaydb.core.api.FlywayException when the database is unreachable or a migration fails
     */
    public Migrations.Applied migrate() {
        return migrations.migrate();
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
