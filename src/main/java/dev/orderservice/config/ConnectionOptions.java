package dev.orderservice.config;

import dev.orderservice.nats.NatsConnectionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
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
            description = "PostgreSQL password (env ORDERS_DB_PASSWORD; prefer the variable or the _FILE variant to "
                    + "keep it out of process listings).")
    private String dbPassword;

    @Option(names = "--db-password-file", paramLabel = "FILE", defaultValue = "${env:ORDERS_DB_PASSWORD_FILE}",
            description = "File holding the PostgreSQL password (env ORDERS_DB_PASSWORD_FILE).")
    private String dbPasswordFile;

    @Option(names = "--db-migration-user", paramLabel = "USER", defaultValue = "${env:ORDERS_DB_MIGRATION_USER}",
            description = "PostgreSQL user that owns the schema and applies migrations; then --db-user is granted "
                    + "only what the service needs (env ORDERS_DB_MIGRATION_USER; unset: --db-user migrates).")
    private String dbMigrationUser;

    @Option(names = "--db-migration-password", paramLabel = "PASSWORD",
            defaultValue = "${env:ORDERS_DB_MIGRATION_PASSWORD}",
            description = "Password of the migration user (env ORDERS_DB_MIGRATION_PASSWORD).")
    private String dbMigrationPassword;

    @Option(names = "--db-migration-password-file", paramLabel = "FILE",
            defaultValue = "${env:ORDERS_DB_MIGRATION_PASSWORD_FILE}",
            description = "File holding the migration user's password (env ORDERS_DB_MIGRATION_PASSWORD_FILE).")
    private String dbMigrationPasswordFile;

    @Option(names = "--db-tls-ca-file", paramLabel = "FILE", defaultValue = "${env:ORDERS_DB_TLS_CA_FILE}",
            description = "PEM authority to verify PostgreSQL's certificate against: connects with "
                    + "sslmode=verify-full unless the URL sets sslmode (env ORDERS_DB_TLS_CA_FILE).")
    private String dbTlsCaFile;

    @Option(names = "--consumer", paramLabel = "NAME",
            defaultValue = "${env:ORDERS_CONSUMER:-" + Defaults.CONSUMER + "}",
            description = "Durable consumer name (env ORDERS_CONSUMER; default " + Defaults.CONSUMER + ").")
    private String consumer;

    @Option(names = "--nats-server", paramLabel = "PATH", defaultValue = "${env:ORDERS_NATS_SERVER}",
            description = "nats-server binary for the embedded broker (env ORDERS_NATS_SERVER; default: found on PATH).")
    private String natsServer;

    /**
     * The settings, with every secret file read and every secret registered for redaction.
     *
     * @throws SettingException when a secret is set twice, a file cannot be used, or a CA is given
     *         for the embedded PostgreSQL
     */
    public ConnectionSettings settings() throws SettingException {
        var database = new DatabaseSettings(dbUrl, dbUser,
                SecretFile.choose("ORDERS_DB_PASSWORD", dbPassword, dbPasswordFile).orElse(null), dbMigrationUser,
                SecretFile.choose("ORDERS_DB_MIGRATION_PASSWORD", dbMigrationPassword, dbMigrationPasswordFile)
                        .orElse(null), caFile(dbTlsCaFile));
        if (database.embedded() && database.tlsCaFile() != null) {
            throw new SettingException("ORDERS_DB_TLS_CA_FILE is set but ORDERS_DB_URL is not: the embedded "
                    + "PostgreSQL speaks no TLS; set both or neither");
        }
        var nats = new NatsSettings(broker.natsUrl(), natsServer, broker.natsSecurity());
        if (!nats.embedded()) {
            // contradicting credentials or an unusable TLS file end the command now, not at its first connect
            NatsConnectionOptions.builder(nats.url(), nats.security());
        }
        return new ConnectionSettings(broker.dataDir(), database, nats);
    }

    private static Path caFile(String value) throws SettingException {
        String given = Text.orNull(value);
        if (given == null) {
            return null;
        }
        Path file = Path.of(given);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new SettingException("ORDERS_DB_TLS_CA_FILE=" + file + ": no such readable file");
        }
        return file.toAbsolutePath();
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
