package dev.orderservice.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention of rejected messages, in the background: rows older than {@code rowsFor} are deleted,
 * and the full payload ({@code payload_full}, kept for replay-rejected) of rows older than
 * {@code payloadsFor} is dropped sooner; the 4 KiB head stays with the row.
 *
 * <p>Small batches ({@link #BATCH_ROWS}, each its own short transaction, an index range on
 * {@code received_at}) with a pause between them, so a purge never holds locks or a connection for
 * long, and ingest's inserts into the same table never wait behind it. Runs as
 * {@link Database#deleteDataSource()}, the migration login where one is set. Each delete takes its
 * rows off the store counts ({@link StoreCounts}) in the same statement. A failed pass is
 * logged in one line and tried again at the next.
 */
public final class RejectedRetention implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RejectedRetention.class);
    static final int BATCH_ROWS = 1000;
    private static final Duration BETWEEN_BATCHES = Duration.ofMillis(50);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);
    private static final Duration SHORTEST_PAUSE = Duration.ofSeconds(1);

    /** The rows and what they took from the store counts, in one statement; answers how many went. */
    private static final String DELETE_ROWS = "with gone as (delete from rejected_messages where id in (select id from "
            + "rejected_messages where received_at < now() - ? * interval '1 millisecond' limit " + BATCH_ROWS + ")"
            + " returning replayed_at) insert into store_counts (slot, orders, rejected) select " + StoreCounts.SLOT
            + ", 0, -count(*) filter (where replayed_at is null) from gone having count(*) > 0 "
            + StoreCounts.ON_CONFLICT_ADD + " returning (select count(*) from gone)";
    private static final String DROP_PAYLOADS = "update rejected_messages set payload_full = null where id in ("
            + "select id from rejected_messages where payload_full is not null and received_at < now() - ? "
            + "* interval '1 millisecond' limit " + BATCH_ROWS + ")";

    private final DataSource dataSource;
    private final Duration rowsFor;
    private final Duration payloadsFor;
    private final AtomicLong purgedRows = new AtomicLong();
    private final AtomicLong purgedPayloads = new AtomicLong();
    private volatile boolean stopped;

    public RejectedRetention(DataSource dataSource, Duration rowsFor, Duration payloadsFor) {
        this.dataSource = dataSource;
        this.rowsFor = rowsFor;
        this.payloadsFor = payloadsFor;
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                purgeOnce();
                Thread.sleep(pause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void stop() {
        stopped = true;
    }

    /** A tenth of the shorter retention, within 1 s to 1 min: short retentions are kept to closely. */
    Duration pause() {
        Duration tenth = payloadsFor.compareTo(rowsFor) < 0 ? payloadsFor.dividedBy(10) : rowsFor.dividedBy(10);
        return tenth.compareTo(SHORTEST_PAUSE) < 0 ? SHORTEST_PAUSE
                : tenth.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : tenth;
    }

    /** One pass: payloads first (rows about to go need no update), then rows, each until none is left. */
    void purgeOnce() throws InterruptedException {
        try {
            purgedPayloads.addAndGet(inBatches(DROP_PAYLOADS, payloadsFor, PreparedStatement::executeUpdate));
            purgedRows.addAndGet(inBatches(DELETE_ROWS, rowsFor, RejectedRetention::deletedRows));
        } catch (SQLException e) {
            LOG.warn("rejected-message retention cannot purge now ({}); trying again in {} s", e.getMessage(),
                    pause().toSeconds());
        }
    }

    /** Runs one batch's statement: how many rows it changed. */
    @FunctionalInterface
    private interface Batch {
        int run(PreparedStatement statement) throws SQLException;
    }

    private static int deletedRows(PreparedStatement statement) throws SQLException {
        try (ResultSet r = statement.executeQuery()) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private long inBatches(String sql, Duration olderThan, Batch run) throws SQLException, InterruptedException {
        long total = 0;
        int batch;
        do {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, olderThan.toMillis());
                batch = run.run(statement);
            }
            total += batch;
            if (batch == BATCH_ROWS) {
                Thread.sleep(BETWEEN_BATCHES);
            }
        } while (batch == BATCH_ROWS && !stopped);
        return total;
    }

    public long purgedRows() {
        return purgedRows.get();
    }

    public long purgedPayloads() {
        return purgedPayloads.get();
    }
}
