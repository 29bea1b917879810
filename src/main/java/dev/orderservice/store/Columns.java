package dev.orderservice.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Rows gathered column by column, bound as one SQL array per column, so that a whole batch is
 * inserted by a single {@code insert ... select from unnest(...)} statement.
 *
 * <p>Columns are plain Java arrays ({@code String[]}, {@code long[]}, {@code byte[][]}) bound
 * with {@code setObject}, which pgjdbc sends in PostgreSQL's binary array format: no quoting and
 * escaping of every element on the way out, no parsing of array literals on the server.
 */
final class Columns {

    private final int rows;
    private final Object[] columns = new Object[16];
    private int row;

    Columns(int rows) {
        this.rows = rows;
    }

    Columns text(int column, String value) {
        if (columns[column] == null) {
            columns[column] = new String[rows];
        }
        ((String[]) columns[column])[row] = value;
        return this;
    }

    Columns number(int column, long value) {
        if (columns[column] == null) {
            columns[column] = new long[rows];
        }
        ((long[]) columns[column])[row] = value;
        return this;
    }

    Columns bytes(int column, byte[] value) {
        if (columns[column] == null) {
            columns[column] = new byte[rows][];
        }
        ((byte[][]) columns[column])[row] = value;
        return this;
    }

    void next() {
        row++;
    }

    /**
     * Binds column i as parameter i + 1. The element types name what each column holds; they
     * only matter for a column with no rows, which is bound as an empty array of that type.
     */
    void bind(Connection connection, PreparedStatement statement, String... elementTypes) throws SQLException {
        if (row != rows) {
            throw new IllegalStateException("filled " + row + " of " + rows + " rows");
        }
        for (int i = 0; i < elementTypes.length; i++) {
            if (columns[i] != null) {
                statement.setObject(i + 1, columns[i]);
            } else {
                statement.setArray(i + 1, connection.createArrayOf(elementTypes[i], new Object[0]));
            }
        }
    }
}
