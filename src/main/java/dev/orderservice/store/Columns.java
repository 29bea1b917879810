package dev.orderservice.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Rows gathered column by column, bound as one SQL array per column, so that a whole batch is
 * inserted by a single {@code insert ... select from unnest(...)} statement.
 */
final class Columns {

    private final int rows;
    private final Object[][] columns = new Object[16][];
    private int row;

    Columns(int rows) {
        this.rows = rows;
    }

    Columns text(int column, String value) {
        cell(column, String[]::new)[row] = value;
        return this;
    }

    Columns number(int column, long value) {
        cell(column, Long[]::new)[row] = value;
        return this;
    }

    Columns bytes(int column, byte[] value) {
        cell(column, byte[][]::new)[row] = value;
        return this;
    }

    void next() {
        row++;
    }

    /** Binds column i as parameter i + 1, as an array of the given PostgreSQL element type. */
    void bind(Connection connection, PreparedStatement statement, String... elementTypes) throws SQLException {
        if (row != rows) {
            throw new IllegalStateException("filled " + row + " of " + rows + " rows");
        }
        for (int i = 0; i < elementTypes.length; i++) {
            Object[] values = columns[i] != null ? columns[i] : new String[0];
            statement.setArray(i + 1, connection.createArrayOf(elementTypes[i], values));
        }
    }

    private Object[] cell(int column, java.util.function.IntFunction<Object[]> allocate) {
        Object[] values = columns[column];
        if (values == null) {
            values = allocate.apply(rows);
            columns[column] = values;
        }
        return values;
    }
}
