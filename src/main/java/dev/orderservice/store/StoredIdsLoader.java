package dev.orderservice.store;

import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link StoredIds} whole: a first scan of every stored id (sized from where the store ends),
 * then, every {@link #CATCH_UP_EVERY}, the ids stored since the last pass, and a rebuild whenever
 * the filter has outgrown its design size.
 *
 * <p>Why catch up at all, when every commit adds its ids: another instance's commits arrive here
 * over NATS, and a notice sent while this instance was cut off is lost. A pass re-reads from
 * {@link #CATCH_UP_OVERLAP} arrival positions before the last end, because positions are taken at
 * insert and committed later, so a transaction in flight at the last pass may have committed a
 * lower position since. Each read is one range of {@link #SCAN_PAGE_SEQS} positions, an index
 * range that the read pool's statement timeout never cuts.
 */
public final class StoredIdsLoader implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StoredIdsLoader.class);
    static final Duration CATCH_UP_EVERY = Duration.ofSeconds(5);
    static final long CATCH_UP_OVERLAP = 50_000;
    static final long SCAN_PAGE_SEQS = 50_000;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

    private final OrderReader reader;
    private final StoredIds ids;
    /** Where the store ended at the last pass (exclusive). */
    private long scannedTo = 1;
    private volatile boolean stopped;

    public StoredIdsLoader(OrderReader reader, StoredIds ids) {
        this.reader = reader;
        this.ids = ids;
    }

    @Override
    public void run() {
        try {
            while (!stopped && !ids.complete()) {
                firstScan();
            }
            while (!stopped) {
                Thread.sleep(CATCH_UP_EVERY);
                pass();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void stop() {
        stopped = true;
    }

    private void firstScan() throws InterruptedException {
        try {
            ids.size(Math.max(StoredIds.MIN_DESIGN_IDS, 2 * reader.endSeq()));
            // read again once sized: an order committed before this is in the scan, a later one is
            // added to the sized filter by its commit
            long end = reader.endSeq();
            scan(1, end);
            scannedTo = end;
            ids.markComplete();
            LOG.info("id filter filled: about {} stored ids", ids.approximateIds());
        } catch (SQLException e) {
            retryLater(e);
        }
    }

    private void pass() throws InterruptedException {
        try {
            if (ids.outgrown()) {
                ids.startRebuild();
                long end;
                try {
                    // read once the new filter takes adds, as in the first scan
                    end = reader.endSeq();
                    scan(1, end);
                } catch (SQLException e) {
                    ids.abandonRebuild();
                    throw e;
                }
                ids.finishRebuild();
                scannedTo = end;
                LOG.info("id filter rebuilt for {} ids", ids.designIds());
            } else {
                long end = reader.endSeq();
                scan(Math.max(1, scannedTo - CATCH_UP_OVERLAP), end);
                scannedTo = end;
            }
        } catch (SQLException e) {
            retryLater(e);
        }
    }

    private void scan(long from, long to) throws SQLException {
        for (long page = from; page < to && !stopped; page += SCAN_PAGE_SEQS) {
            reader.ids(page, Math.min(to, page + SCAN_PAGE_SEQS), ids::addScanned);
        }
    }

    private static void retryLater(SQLException cause) throws InterruptedException {
        LOG.warn("the id filter cannot read PostgreSQL ({}); retrying in {} s", cause.getMessage(),
                RETRY_DELAY.toSeconds());
        Thread.sleep(RETRY_DELAY);
    }
}
