package dev.orderservice.ops;

import dev.orderservice.config.ConnectionSettings;
import dev.orderservice.config.DatabaseSettings;
import dev.orderservice.embedded.EmbeddedDatabase;
import dev.orderservice.embedded.FreePort;
import dev.orderservice.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The PostgreSQL a one-shot command works on: the configured one (ORDERS_DB_URL); else the
 * embedded one under the data dir, used where it already runs (a serve's) or, if the command
 * may, started for the command's duration and stopped after.
 */
final class DatabaseTarget implements AutoCloseable {

    /** What a command may do when the embedded database is not running. */
    enum IfNotRunning { START, CREATE_AND_START, FAIL }

    private final String url;
    private final String user;
    private final String password;
    private final Database.Login migration;
    private final EmbeddedDatabase started;

    private DatabaseTarget(String url, String user, String password, Database.Login migration,
            EmbeddedDatabase started) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.migration = migration;
        this.started = started;
    }

    /**
     * @throws CommandFailure when no database is configured and the embedded one cannot be used
     */
    static DatabaseTarget open(ConnectionSettings settings, IfNotRunning ifNotRunning)
            throws CommandFailure, InterruptedException {
        DatabaseSettings given = settings.database();
        if (!given.embedded()) {
            return new DatabaseTarget(given.jdbcUrl(), given.user(), given.revealPassword(),
                    new Database.Login(given.migrationUser(), given.revealMigrationPassword()), null);
        }
        Path dir = settings.dataDir().resolve("postgres");
        var running = EmbeddedDatabase.runningPort(dir);
        if (running.isPresent()) {
            return embedded(EmbeddedDatabase.jdbcUrl(running.get()), null);
        }
        boolean exists = Files.isDirectory(dir);
        if (ifNotRunning == IfNotRunning.FAIL || (!exists && ifNotRunning != IfNotRunning.CREATE_AND_START)) {
            throw new CommandFailure("ORDERS_DB_URL is unset and no embedded PostgreSQL "
                    + (exists ? "runs" : "exists") + " in " + dir + "; set ORDERS_DB_URL (or --db-url), "
                    + "or --data-dir to the one serve uses" + (exists ? ", or start serve" : ""));
        }
        try {
            EmbeddedDatabase db = EmbeddedDatabase.start(dir, FreePort.pick());
            return embedded(db.jdbcUrl(), db);
        } catch (IOException | RuntimeException e) {
            throw new CommandFailure("embedded PostgreSQL failed to start in " + dir + " (" + e.getMessage()
                    + "); set ORDERS_DB_URL to use an external PostgreSQL", e);
        }
    }

    private static DatabaseTarget embedded(String url, EmbeddedDatabase started) {
        return new DatabaseTarget(url, EmbeddedDatabase.SUPERUSER, null, new Database.Login(null, null), started);
    }

    String url() {
        return url;
    }

    /** A small pool logged in as the app user; migrations as the migration login when set. */
    Database connect(String poolName) {
        return Database.pool(url, user, password, migration, poolName, null);
    }

    /** A small pool logged in as a login that may delete: the migration login where one is set. */
    Database connectForDeletes(String poolName) {
        return migration.isSet() ? Database.pool(url, migration.user(), migration.password(), poolName, null)
                : connect(poolName);
    }

    /** The settings that chose the login migrations use, for error messages. */
    String migrationSettings() {
        return migration.settingsForMigrations();
    }

    /**
     * @throws SQLException when the migration login cannot connect
     */
    Connection connectAsMigrationUser() throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", migration.user());
        if (migration.password() != null) {
            properties.setProperty("password", migration.password());
        }
        properties.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(url, properties);
    }

    /** The role migrations grant the service's privileges to; null when nothing is granted. */
    String grantee() {
        return migration.isSet() && user != null && !user.isBlank() && !user.equals(migration.user()) ? user : null;
    }

    boolean separateMigrationLogin() {
        return migration.isSet();
    }

    @Override
    public void close() throws IOException {
        if (started != null) {
            started.close();
        }
    }
}
