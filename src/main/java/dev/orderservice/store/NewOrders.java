package dev.orderservice.store;

import dev.orderservice.validation.Verdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@link OrderWriter} stores the orders of a batch that are not stored yet, with their rows in
 * the child tables, inside the writer's transaction: {@link CopyRows} (the default) or
 * {@link UnnestRows}. Either must leave every candidate either stored by this transaction (and
 * returned) or already stored, with its stored content hash put into {@code kept}, so that the
 * writer can judge the others as duplicates or conflicts.
 */
sealed interface NewOrders permits CopyRows, UnnestRows {

    /**
     * Stores the candidates (one per order id) that are not stored yet.
     *
     * @return the candidates this transaction stored
     * @throws SQLException as the statements fail; a unique violation (23505) of {@link CopyRows}
     *                      means another transaction stored one of them meanwhile
     */
    List<Verdict.Accepted> store(Connection connection, List<Verdict.Accepted> candidates, Map<String, byte[]> kept)
            throws SQLException;

    /** The content hash of each of these orders that is stored, by order id. */
    static Map<String, byte[]> storedHashes(Connection connection, Collection<String> orderUids)
            throws SQLException {
        Map<String, byte[]> hashes = new HashMap<>();
        if (orderUids.isEmpty()) {
            return hashes;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "select order_uid, content_hash from orders where order_uid = any(?)")) {
            statement.setObject(1, orderUids.toArray(String[]::new));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    hashes.put(rows.getString(1), rows.getBytes(2));
                }
            }
        }
        return hashes;
    }
}
