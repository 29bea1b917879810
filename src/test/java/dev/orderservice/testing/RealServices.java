package dev.orderservice.testing;

import dev.orderservice.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL and a real nats-server, on free ports, for the tests of one class:
 * {@code @RegisterExtension static final RealServices services = new RealServices();}, or
 * {@link #postgresOnly()} for tests of the store. Each test takes a fresh database from
 * {@link #postgres()} or {@link #migratedDatabase()}; the broker is the class's own.
 *
 * <p>The PostgreSQL server is one for the whole run ({@link #sharedPostgres}), since starting one
 * means an initdb of a second or more: a test may create databases in it, but never stops,
 * restarts or reconfigures it, nor creates roles. A test that does any of that starts a
 * {@link ThrowawayPostgres} of its own.
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

    /** Closes the run's PostgreSQL when JUnit closes the root store, at the end of the run. */
    private record Shared(ThrowawayPostgres postgres) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws IOException {
            postgres.close();
        }
    }

    /** The run's one PostgreSQL for tests that only take fresh databases from it; started at first use. */
    public static ThrowawayPostgres sharedPostgres(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(Shared.class, key -> {
            try {
                return new Shared(ThrowawayPostgres.start());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the tests' PostgreSQL", e);
            }
        }, Shared.class).postgres();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postgres = sharedPostgres(context);
        if (withNats) {
            nats = ThrowawayNats.start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (nats != null) {
            nats.close();
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
