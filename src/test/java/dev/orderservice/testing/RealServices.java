package dev.orderservice.testing;

import dev.orderservice.store.Database;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL and a real nats-server, on free ports, for the tests of one class:
 * {@code @RegisterExtension static final RealServices services = new RealServices();}, or
 * {@link #postgresOnly()} for tests of the store. Each test takes a fresh database from
 * {@link #postgres()} or {@link #migratedDatabase()}; the broker is shared.
 */
public final class RealServices implements BeforeAllCallback, AfterAllCallback {

    private final boolean withNats;
    private ThrowawayPostgres postgres;
    private ThrowawayNats nats;

    public RealServices() {
        this(true);
    }

    private RealServices(boolean withNats) {
        this.withNats = withNats;
    }

    /** PostgreSQL alone, for tests that never reach the broker. */
    public static RealServices postgresOnly() {
        return new RealServices(false);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postgres = ThrowawayPostgres.start();
        if (withNats) {
            nats = ThrowawayNats.start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (nats != null) {
                nats.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    public ThrowawayPostgres postgres() {
        return postgres;
    }

    public ThrowawayNats nats() {
        if (nats == null) {
            throw new IllegalStateException("this class asked for PostgreSQL only");
        }
        return nats;
    }

    /** A pool on a fresh database with every migration applied; the caller closes it. */
    public Database migratedDatabase() throws SQLException {
        Database db = Database.pool(postgres.newDatabase(), "postgres", null, "test", null);
        db.migrate();
        return db;
    }
}
