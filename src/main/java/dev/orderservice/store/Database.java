package dev.orderservice.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

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

    private Database(HikariDataSource pool, String url) {
        this.pool = pool;
        this.url = url;
    }

    public static Database pool(String jdbcUrl, String user, String password, String poolName,
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
        return new Database(new HikariDataSource(config), jdbcUrl);
    }

    /**
     * Applies pending migrations.
     *
     * @throws org.flywaydb.core.api.FlywayException when the database is unreachable or a migration fails
     */
    public void migrate() {
        Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .loggers("slf4j")
                .load()
                .migrate();
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
