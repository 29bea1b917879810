package dev.orderservice.config;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the service's PostgreSQL, NATS and data live: the picocli mixin of every command but
 * {@code publish} (which takes only the {@link BrokerOptions}). Each option's default is its
 * environment variable, so a flag wins over the environment. Commands call {@link #settings()}
 * once and hand on the immutable result; nothing past the command sees these fields.
 */
public final class ConnectionOptions {

    @Mixin
    private BrokerOptions broker;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:ORDERS_DB_URL}",
            description = "External PostgreSQL, e.g. jdbc:postgresql://127.0.0.1:5432/orders (env ORDERS_DB_URL; "
                    + "unset: embedded).")
    private String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:ORDERS_DB_USER}",
            description = "PostgreSQL user (env ORDERS_DB_USER).")
    private String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:ORDERS_DB_PASSWORD}",
            description = "PostgreSQL password (env ORDERS_DB_PASSWORD; prefer the variable to keep it out of "
                    + "process listings).")
    private String dbPassword;

    @Option(names = "--db-migration-user", paramLabel = "USER", defaultValue = "${env:ORDERS_DB_MIGRATION_USER}",
            description = "PostgreSQL user that owns the schema and applies migrations; then --db-user is granted "
                    + "only what the service needs (env ORDERS_DB_MIGRATION_USER; unset: --db-user migrates).")
    private String dbMigrationUser;

    @Option(names = "--db-migration-password", paramLabel = "PASSWORD",
            defaultValue = "${env:ORDERS_DB_MIGRATION_PASSWORD}",
            description = "Password of the migration user (env ORDERS_DB_MIGRATION_PASSWORD).")
    private String dbMigrationPassword;

    @Option(names = "--consumer", paramLabel = "NAME",
            defaultValue = "${env:ORDERS_CONSUMER:-" + Defaults.CONSUMER + "}",
            description = "Durable consumer name (env ORDERS_CONSUMER; default " + Defaults.CONSUMER + ").")
    private String consumer;

    @Option(names = "--nats-server", paramLabel = "PATH", defaultValue = "${env:ORDERS_NATS_SERVER}",
            description = "nats-server binary for the embedded broker (env ORDERS_NATS_SERVER; default: found on PATH).")
    private String natsServer;

    public ConnectionSettings settings() {
        return new ConnectionSettings(broker.dataDir(),
                new DatabaseSettings(dbUrl, dbUser, dbPassword, dbMigrationUser, dbMigrationPassword),
                new NatsSettings(broker.natsUrl(), natsServer));
    }

    public String stream() {
        return broker.stream();
    }

    public String subject() {
        return broker.subject();
    }

    public String consumer() {
        return consumer;
    }
}
