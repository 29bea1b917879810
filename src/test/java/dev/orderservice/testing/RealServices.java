package dev.orderservice.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL and a real nats-server, on free ports, for the tests of one class:
 * {@code @RegisterExtension static final RealServices services = new RealServices();}. Each test
 * takes a fresh database from {@link #postgres()}; the broker is shared.
 */
public final class RealServices implements BeforeAllCallback, AfterAllCallback {

    private TestPostgres postgres;
    private TestNats nats;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postgres = TestPostgres.start();
        nats = TestNats.start();
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

    public TestPostgres postgres() {
        return postgres;
    }

    public TestNats nats() {
        return nats;
    }
}
