package dev.orderservice.embedded;

import dev.orderservice.config.ConnectionOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL and NATS a {@code serve} talks to: external ones when URLs are configured,
 * otherwise embedded ones started here with their data under the data dir
 * ({@code postgres/} and {@code nats/}), so a restart finds everything again.
 */
public final class EmbeddedServices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServices.class);

    private final ConnectionOptions options;
    private final EmbeddedDatabase database;
    private final NatsServerProcess nats;

    private EmbeddedServices(ConnectionOptions options, EmbeddedDatabase database, NatsServerProcess nats) {
        this.options = options;
        this.database = database;
        this.nats = nats;
    }

    /**
     * Starts what is not configured externally.
     *
     * @throws IOException with a one-line message when an embedded service cannot start
     */
    public static EmbeddedServices start(ConnectionOptions options) throws IOException, InterruptedException {
        Path dataDir = options.dataDir.toAbsolutePath().normalize();
        NatsServerProcess nats = null;
        EmbeddedDatabase database = null;
        try {
            if (options.embeddedBroker()) {
                Path binary;
                try {
                    binary = NatsServerProcess.locate(options.natsServer);
                } catch (NatsServerProcess.MissingServerException e) {
                    throw new IOException(e.getMessage(), e);
                }
                nats = new NatsServerProcess(binary, freePort(), dataDir.resolve("nats"), List.of()).start();
                LOG.info("embedded nats-server started at {} with data in {}", nats.url(), dataDir.resolve("nats"));
            }
            if (options.embeddedDatabase()) {
                try {
                    database = EmbeddedDatabase.start(dataDir.resolve("postgres"), freePort());
                } catch (IOException | RuntimeException e) {
                    throw new IOException("embedded PostgreSQL failed to start in " + dataDir.resolve("postgres")
                            + " (" + e.getMessage() + "); set ORDERS_DB_URL to use an external PostgreSQL", e);
                }
                LOG.info("embedded PostgreSQL started on port {} with data in {}", database.port(),
                        dataDir.resolve("postgres"));
            }
            return new EmbeddedServices(options, database, nats);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (nats != null) {
                nats.close();
            }
            throw e;
        }
    }

    public String dbUrl() {
        return database != null ? database.jdbcUrl() : options.dbUrl;
    }

    public String dbUser() {
        return database != null ? database.user() : options.dbUser;
    }

    public String dbPassword() {
        return database != null ? null : options.dbPassword;
    }

    /** The login that applies migrations; none for the embedded database, whose superuser does everything. */
    public dev.orderservice.store.Database.Login dbMigrationLogin() {
        return database != null ? new dev.orderservice.store.Database.Login(null, null)
                : new dev.orderservice.store.Database.Login(options.dbMigrationUser, options.dbMigrationPassword);
    }

    public String natsUrl() {
        return nats != null ? nats.url() : options.natsUrl;
    }

    public String databaseMode() {
        return database != null ? "embedded" : "external";
    }

    public String brokerMode() {
        return nats != null ? "embedded" : "external";
    }

    /** Tells local tools (publish) where this serve's services listen. */
    public void publishRuntime(int httpPort) {
        Properties values = new Properties();
        values.setProperty(RuntimeFile.NATS_URL, natsUrl());
        values.setProperty(RuntimeFile.DB_URL, dbUrl());
        values.setProperty(RuntimeFile.HTTP_PORT, String.valueOf(httpPort));
        values.setProperty(RuntimeFile.PID, String.valueOf(ProcessHandle.current().pid()));
        try {
            RuntimeFile.write(options.dataDir.toAbsolutePath(), values);
        } catch (IOException e) {
            LOG.warn("cannot write {} ({}); publish will need --nats-url", RuntimeFile.in(options.dataDir),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        RuntimeFile.delete(options.dataDir.toAbsolutePath());
        try {
            if (nats != null) {
                nats.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (database != null) {
            try {
                database.close();
            } catch (IOException e) {
                LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
