package dev.orderservice.config;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the service's PostgreSQL, NATS and data live; shared by every command. Each option's
 * default is its environment variable, so a flag wins over the environment.
 */
public final class ConnectionOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:ORDERS_DATA_DIR:-./data}",
            description = "Where embedded PostgreSQL and NATS keep data (env ORDERS_DATA_DIR; default ./data).")
    public Path dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:ORDERS_DB_URL}",
            description = "External PostgreSQL, e.g. jdbc:postgresql://127.0.0.1:5432/orders (env ORDERS_DB_URL; "
                    + "unset: embedded).")
    public String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:ORDERS_DB_USER}",
            description = "PostgreSQL user (env ORDERS_DB_USER).")
    public String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:ORDERS_DB_PASSWORD}",
            description = "PostgreSQL password (env ORDERS_DB_PASSWORD; prefer the variable to keep it out of "
                    + "process listings).")
    public String dbPassword;

    @Option(names = "--db-migration-user", paramLabel = "USER", defaultValue = "${env:ORDERS_DB_MIGRATION_USER}",
            description = "PostgreSQL user that owns the schema and applies migrations; then --db-user is granted "
                    + "only what the service needs (env ORDERS_DB_MIGRATION_USER; unset: --db-user migrates).")
    public String dbMigrationUser;

    @Option(names = "--db-migration-password", paramLabel = "PASSWORD",
            defaultValue = "${env:ORDERS_DB_MIGRATION_PASSWORD}",
            description = "Password of the migration user (env ORDERS_DB_MIGRATION_PASSWORD).")
    public String dbMigrationPassword;

    @Option(names = "--nats-url", paramLabel = "URLS", defaultValue = "${env:ORDERS_NATS_URL}",
            description = "External NATS server(s), comma-separated (env ORDERS_NATS_URL; unset: embedded).")
    public String natsUrl;

    @Option(names = "--stream", paramLabel = "NAME", defaultValue = "${env:ORDERS_STREAM:-ORDERS}",
            description = "JetStream stream (env ORDERS_STREAM; default ORDERS).")
    public String stream;

    @Option(names = "--subject", paramLabel = "SUBJECT", defaultValue = "${env:ORDERS_SUBJECT:-orders}",
            description = "Subject orders are published to (env ORDERS_SUBJECT; default orders).")
    public String subject;

    @Option(names = "--consumer", paramLabel = "NAME", defaultValue = "${env:ORDERS_CONSUMER:-order-service}",
            description = "Durable consumer name (env ORDERS_CONSUMER; default order-service).")
    public String consumer;

    @Option(names = "--nats-server", paramLabel = "PATH", defaultValue = "${env:ORDERS_NATS_SERVER}",
            description = "nats-server binary for the embedded broker (env ORDERS_NATS_SERVER; default: found on PATH).")
    public String natsServer;

    public boolean embeddedDatabase() {
        return dbUrl == null || dbUrl.isBlank();
    }

    public boolean embeddedBroker() {
        return natsUrl == null || natsUrl.isBlank();
    }
}
