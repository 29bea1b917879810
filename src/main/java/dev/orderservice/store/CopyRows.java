package dev.orderservice.store;

import dev.orderservice.validation.Verdict;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * New orders by binary COPY: the batch's ids are looked up once, which of them are new is decided
 * in Java, and only the new orders and their child rows are copied, each table in one
 * {@code copy ... from stdin (format binary)} stream ({@link BinaryCopy}). COPY takes no conflict
 * clause, so an order that another transaction stores between the look-up and the copy makes
 * the copy fail on the primary key (23505, after waiting for that transaction to commit): nothing
 * of the batch is then stored, and {@link OrderWriter} writes it again by {@link UnnestRows},
 * which lets the index decide. Exactly once either way: the unique index admits one order per id.
 *
 * <p>An id that {@link StoredIds} knows was never stored is not looked up: in a backlog of new
 * orders the look-up then reads only the filter's false positives (about 1%) and the redelivered.
 * The filter can be behind another instance's commits (a lost notice, until its catch-up); such an
 * order is then copied again, the copy fails on the primary key, and the batch is written by
 * {@link UnnestRows} as after any race.
 */
final class CopyRows implements NewOrders {

    /** Rows are sent in chunks of about this size: no batch-sized buffer, no humongous arrays. */
    static final int CHUNK_BYTES = 256 * 1024;

    private final StoredIds storedIds;

    CopyRows(StoredIds storedIds) {
        this.storedIds = storedIds;
    }

    @Override
    public List<Verdict.Accepted> store(Connection connection, List<Verdict.Accepted> candidates,
            Map<String, byte[]> kept) throws SQLException {
        List<String> maybeStored = new ArrayList<>();
        for (Verdict.Accepted accepted : candidates) {
            if (!storedIds.certainlyNew(accepted.orderUid())) {
                maybeStored.add(accepted.orderUid());
            }
        }
        kept.putAll(NewOrders.storedHashes(connection, maybeStored));
        List<Verdict.Accepted> fresh = new ArrayList<>(candidates.size());
        for (Verdict.Accepted accepted : candidates) {
            if (!kept.containsKey(accepted.orderUid())) {
                fresh.add(accepted);
            }
        }
        if (!fresh.isEmpty()) {
            CopyManager copies = connection.unwrap(PGConnection.class).getCopyAPI();
            copy(copies, OrderTables.ORDERS, fresh);
            copy(copies, OrderTables.ITEMS, OrderTables.itemRows(fresh));
        }
        return fresh;
    }

    static <R> void copy(CopyManager copies, Columns<R> table, List<R> rows) throws SQLException {
        BinaryCopy out = new BinaryCopy(CHUNK_BYTES + CHUNK_BYTES / 4);
        CopyIn copy = copies.copyIn(table.copy());
        try {
            for (R row : rows) {
                table.encode(row, out);
                if (out.length() >= CHUNK_BYTES) {
                    copy.writeToCopy(out.buffer(), 0, out.length());
                    out.clear();
                }
            }
            out.finish();
            copy.writeToCopy(out.buffer(), 0, out.length());
            copy.endCopy();
        } catch (SQLException | RuntimeException e) {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException cancelFailure) {
                    e.addSuppressed(cancelFailure);
                }
            }
            throw e;
        }
    }
}
