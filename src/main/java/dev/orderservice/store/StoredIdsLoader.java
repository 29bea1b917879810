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
 * range that the read pool's statement timeout never cuts. The first scan and a rebuild read every
 * id instead from the primary key's index alone, {@link #SCAN_PAGE_IDS} ids at a time: at 10M
 * orders, ranges of positions made PostgreSQL read the whole 14 GB orders table through its
 * shared buffers (72 ms a page of 50,000, against 13 ms from the index), evicting what the
 * read-throughs of the first 20 seconds after a restart needed.
 *
 * <p>A pass reads nothing when PostgreSQL has committed nothing since the last one: the loader
 * notes PostgreSQL's {@link OrderReader.WriteHorizon} before each read, and when no transaction
 * was running at the last note and none has started writing since, every stored order was already
 * committed when the last read began, so that read saw it. An idle store thus costs one small
 * query per pass instead of re-reading {@link #CATCH_UP_OVERLAP} ids (10-330 ms of PostgreSQL at
 * 10M orders, in the middle of the reads it serves).
 */
public final class StoredIdsLoader implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StoredIdsLoader.class);
    static final Duration CATCH_UP_EVERY = Duration.ofSeconds(5);
    static final long CATCH_UP_OVERLAP = 50_000;
    static final long SCAN_PAGE_SEQS = 50_000;
    static final int SCAN_PAGE_IDS = 50_000;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

    private final OrderReader reader;
    private final StoredIds ids;
    private final int scanPageIds;
    /** Where the store ended at the last pass (exclusive). */
    private long scannedTo = 1;
    /** PostgreSQL's transactions just before the last read, null until one is noted. */
    private OrderReader.WriteHorizon readFrom;
    /** Ids the catch-up passes have read, for tests. */
    private long caughtUpIds;
    private volatile boolean stopped;

    public StoredIdsLoader(OrderReader reader, StoredIds ids) {
        this(reader, ids, SCAN_PAGE_IDS);
    }

    StoredIdsLoader(OrderReader reader, StoredIds ids, int scanPageIds) {
        this.reader = reader;
        this.ids = ids;
        this.scanPageIds = scanPageIds;
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

    void firstScan() throws InterruptedException {
        try {
            ids.size(Math.max(StoredIds.MIN_DESIGN_IDS, 2 * reader.endSeq()));
            // read again once sized: an order committed before this is in the scan, a later one is
            // added to the sized filter by its commit
            OrderReader.WriteHorizon horizon = reader.writeHorizon();
            long end = reader.endSeq();
            scanAll();
            scannedTo = end;
            readFrom = horizon;
            ids.markComplete();
            LOG.info("id filter filled: about {} stored ids", ids.approximateIds());
        } catch (SQLException e) {
            retryLater(e);
        }
    }

    void pass() throws InterruptedException {
        try {
            if (ids.outgrown()) {
                ids.startRebuild();
                OrderReader.WriteHorizon horizon;
                long end;
                try {
                    // read once the new filter takes adds, as in the first scan
                    horizon = reader.writeHorizon();
                    end = reader.endSeq();
                    scanAll();
                } catch (SQLException e) {
                    ids.abandonRebuild();
                    throw e;
                }
                ids.finishRebuild();
                scannedTo = end;
                readFrom = horizon;
                LOG.info("id filter rebuilt for {} ids", ids.designIds());
            } else {
                OrderReader.WriteHorizon horizon = reader.writeHorizon();
                if (!horizon.nothingCommittedSince(readFrom)) {
                    long end = reader.endSeq();
                    caughtUpIds += scan(Math.max(1, scannedTo - CATCH_UP_OVERLAP), end);
                    scannedTo = end;
                }
                readFrom = horizon;
            }
        } catch (SQLException e) {
            retryLater(e);
        }
    }

    /**
     * Adds every stored id: each committed before this began, and others committed meanwhile. A
     * page reads the ids after the last one of the page before, so an order committed before the
     * scan is in exactly one page.
     */
    private void scanAll() throws SQLException {
        String last = null;
        do {
            last = reader.idsAfter(last, scanPageIds, ids::addScanned);
        } while (last != null && !stopped);
    }

    /** Adds the ids stored in {@code [from, to)}; returns how many were read. */
    private long scan(long from, long to) throws SQLException {
        long read = 0;
        for (long page = from; page < to && !stopped; page += SCAN_PAGE_SEQS) {
            read += reader.ids(page, Math.min(to, page + SCAN_PAGE_SEQS), ids::addScanned);
        }
        return read;
    }

    long caughtUpIds() {
        return caughtUpIds;
    }

    private static void retryLater(SQLException cause) throws InterruptedException {
        LOG.warn("the id filter cannot read PostgreSQL ({}); retrying in {} s", cause.getMessage(),
                RETRY_DELAY.toSeconds());
        Thread.sleep(RETRY_DELAY);
    }
}
