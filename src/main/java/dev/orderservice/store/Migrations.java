package dev.orderservice.store;

import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The schema migrations ({@code db/migration}) and who applies them. With a separate migration
 * login the schema belongs to that role and the callback {@code afterMigrate__grant_app_role.sql}
 * grants the app role (the pool's user) exactly what the service needs, on every run, so tables
 * added later are covered too. With one login for both, nothing is granted.
 */
public final class Migrations {

    public static final String LOCATION = "classpath:db/migration";

    private final FluentConfiguration config;

    private Migrations(FluentConfiguration config) {
        this.config = config;
    }

    /** Migrations through the app's own pool: one login owns the schema and runs the service. */
    public static Migrations through(DataSource pool) {
        return new Migrations(base("").dataSource(pool));
    }

    /**
     * Migrations as a login of their own; {@code appRole} (may be null) is granted the service's privileges.
     */
    public static Migrations as(String url, String user, String password, String appRole) {
        String grantee = appRole == null || appRole.equals(user) ? "" : appRole;
        return new Migrations(base(grantee).dataSource(url, user, password == null ? "" : password));
    }

    private static FluentConfiguration base(String appRole) {
        return Flyway.configure()
                .locations(LOCATION)
                .loggers("slf4j")
                // a literal inside the callback's SQL: quotes doubled, the role is then quoted by format('%I')
                .placeholders(Map.of("appRole", appRole.replace("'", "''")));
    }

    /**
     * Applies pending migrations (and the grants).
     *
     * @return the schema version afterwards and how many migrations this run applied
     * @throws FlywayException when the database is unreachable or a migration fails
     */
    public Applied migrate() {
        var result = config.load().migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                : String.valueOf(result.initialSchemaVersion);
        return new Applied(version, result.migrationsExecuted);
    }

    /**
     * What is applied and what is pending, without changing anything.
     *
     * @throws FlywayException when the database cannot be read
     */
    public Status status() {
        MigrationInfoService info = config.load().info();
        MigrationInfo current = info.current();
        int future = 0;
        for (MigrationInfo applied : info.applied()) {
            if (applied.getState() == MigrationState.FUTURE_SUCCESS) {
                future++;
            }
        }
        String latestKnown = null;
        for (MigrationInfo known : info.all()) {
            if (known.getVersion() != null && known.getState() != MigrationState.FUTURE_SUCCESS) {
                latestKnown = known.getVersion().getVersion();
            }
        }
        return new Status(current == null || current.getVersion() == null ? null : current.getVersion().getVersion(),
                info.pending().length, future, latestKnown);
    }

    /** @param version the schema version after the run; migrations the number this run applied */
    public record Applied(String version, int migrations) {
    }

    /**
     * @param current  the applied version; null when the schema was never migrated
     * @param pending  migrations this build would apply
     * @param future   applied migrations this build does not know (a newer build migrated)
     * @param latest   the newest version this build knows
     */
    public record Status(String current, int pending, int future, String latest) {
    }
}
