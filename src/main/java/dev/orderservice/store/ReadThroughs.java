package dev.orderservice.store;

import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the lookups of uncached orders that reach PostgreSQL at once. One past the bound is
 * refused at once ({@link Refused}), never queued: a flood of misses then costs the read pool at
 * most {@link #MAX_CONCURRENT} connections, and the rest of the read pool stays free for listings,
 * status and readiness, while ingest has its own pool anyway.
 */
public final class ReadThroughs {

    /** Half the read pool: the other half serves listings, status and readiness. */
    public static final int MAX_CONCURRENT = Database.POOL_MAX_CONNECTIONS / 2;

    private final Semaphore permits;
    private final AtomicLong refused = new AtomicLong();

    public ReadThroughs(int maxConcurrent) {
        this.permits = new Semaphore(maxConcurrent);
    }

    /** No bound: for one-shot commands and tests that read alone. */
    public static ReadThroughs unbounded() {
        return new ReadThroughs(Integer.MAX_VALUE);
    }

    /**
     * @throws Refused when the bound is reached; the caller answers "try again shortly"
     */
    void enter() throws Refused {
        if (!permits.tryAcquire()) {
            refused.incrementAndGet();
            throw new Refused();
        }
    }

    void exit() {
        permits.release();
    }

    /** Lookups refused so far. */
    public long refused() {
        return refused.get();
    }

    /** Too many lookups of uncached orders are reaching PostgreSQL at once. */
    public static final class Refused extends SQLException {
        Refused() {
            super("too many lookups of uncached orders at once", "53300");
        }
    }
}
