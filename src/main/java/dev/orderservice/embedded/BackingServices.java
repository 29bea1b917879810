package dev.orderservice.embedded;

import dev.orderservice.config.ConnectionSettings;
import dev.orderservice.config.DatabaseSettings;
import dev.orderservice.config.Redaction;
import dev.orderservice.embedded.NatsServerProcess.MissingServerException;
import dev.orderservice.nats.NatsSecurity;
import dev.orderservice.store.Database.Login;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL and NATS a {@code serve} talks to, each either given (its URL is configured) or
 * embedded: started here with its data under the data dir ({@code postgres/} and {@code nats/}),
 * so a restart finds everything again. Callers ask for URLs and logins and never need to know which.
 */
public final class BackingServices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackingServices.class);

    private final ConnectionSettings settings;
    private final EmbeddedDatabase database;
    private final NatsServerProcess nats;

    private BackingServices(ConnectionSettings settings, EmbeddedDatabase database, NatsServerProcess nats) {
        this.settings = settings;
        this.database = database;
        this.nats = nats;
    }

    /**
     * Starts what is not configured externally.
     *
     * @throws IOException with a one-line message when an embedded service cannot start
     */
    public static BackingServices start(ConnectionSettings settings) throws IOException, InterruptedException {
        NatsServerProcess nats = null;
        try {
            if (settings.nats().embedded()) {
                nats = startNats(settings.dataDir().resolve("nats"), settings.nats().serverBinary());
            }
            EmbeddedDatabase database = settings.database().embedded()
                    ? startDatabase(settings.dataDir().resolve("postgres")) : null;
            return new BackingServices(settings, database, nats);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (nats != null) {
                nats.close();
            }
            throw e;
        }
    }

    private static NatsServerProcess startNats(Path store, String binary) throws IOException, InterruptedException {
        Path located;
        try {
            located = NatsServerProcess.locate(binary);
        } catch (MissingServerException e) {
            throw new IOException(e.getMessage(), e);
        }
        NatsServerProcess nats = new NatsServerProcess(located, FreePort.pick(), store, List.of()).start();
        LOG.info("embedded nats-server started at {} with data in {}", nats.url(), store);
        return nats;
    }

    private static EmbeddedDatabase startDatabase(Path dir) throws IOException, InterruptedException {
        EmbeddedDatabase database;
        try {
            database = EmbeddedDatabase.start(dir, FreePort.pick());
        } catch (IOException | RuntimeException e) {
            throw new IOException("embedded PostgreSQL failed to start in " + dir + " (" + e.getMessage()
                    + "); set ORDERS_DB_URL to use an external PostgreSQL", e);
        }
        LOG.info("embedded PostgreSQL started on port {} with data in {}", database.port(), dir);
        return database;
    }

    public String dbUrl() {
        return database != null ? database.jdbcUrl() : given().jdbcUrl();
    }

    public String dbUser() {
        return database != null ? database.user() : given().user();
    }

    public String dbPassword() {
        return database != null ? null : given().revealPassword();
    }

    /** The login that applies migrations; none for the embedded database, whose superuser does everything. */
    public Login dbMigrationLogin() {
        return database != null ? new Login(null, null)
                : new Login(given().migrationUser(), given().revealMigrationPassword());
    }

    public String natsUrl() {
        return nats != null ? nats.url() : settings.nats().url();
    }

    /** How to log in to NATS: the embedded broker is open, an external one as configured. */
    public NatsSecurity natsSecurity() {
        return nats != null ? NatsSecurity.NONE : settings.nats().security();
    }

    /** How the connection to PostgreSQL is secured, for the start line. */
    public String dbTls() {
        if (database != null) {
            return "local, no TLS";
        }
        return given().tlsCaFile() != null ? "TLS verify-full against " + given().tlsCaFile()
                : given().url().toLowerCase(Locale.ROOT).contains("sslmode=") ? "sslmode as the URL says"
                : "sslmode prefer, pgjdbc's default";
    }

    public String databaseMode() {
        return database != null ? "embedded" : "external";
    }

    public String brokerMode() {
        return nats != null ? "embedded" : "external";
    }

    private DatabaseSettings given() {
        return settings.database();
    }

    /** Tells local tools (publish) where this serve's services listen; a file, so no credential goes in. */
    public void publishRuntime(int httpPort) {
        Properties values = new Properties();
        values.setProperty(RuntimeFile.NATS_URL, Redaction.process().redact(natsUrl()));
        values.setProperty(RuntimeFile.DB_URL, Redaction.process().redact(dbUrl()));
        values.setProperty(RuntimeFile.HTTP_PORT, String.valueOf(httpPort));
        values.setProperty(RuntimeFile.PID, String.valueOf(ProcessHandle.current().pid()));
        try {
            RuntimeFile.write(settings.dataDir(), values);
        } catch (IOException e) {
            LOG.warn("cannot write {} ({}); publish will need --nats-url", RuntimeFile.in(settings.dataDir()),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        RuntimeFile.delete(settings.dataDir());
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
}
