package dev.orderservice.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The integrity that foreign keys kept until migration V20: every row of a child table belongs to
 * a stored order. Since V22 the only child table is items (an order's delivery and payment are in
 * its own row). The writer keeps it by construction (child rows only in the transaction that
 * inserts their order); {@code check} verifies it here.
 */
public final class ChildRows {

    /** The tables whose rows each belong to one order, by {@code order_uid}. */
    public static final List<String> TABLES = List.of("items");

    private ChildRows() {
    }

    /**
     * How many rows of each child table name no stored order (an anti-join on the primary keys:
     * one pass over each table's index).
     *
     * @throws SQLException when the tables cannot be read
     */
    public static Map<String, Long> orphans(Connection connection) throws SQLException {
        Map<String, Long> orphans = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet r = statement.executeQuery("select count(*) from " + table
                        + " c where not exists (select 1 from orders o where o.order_uid = c.order_uid)")) {
                    r.next();
                    orphans.put(table, r.getLong(1));
                }
            }
        }
        return orphans;
    }
}
