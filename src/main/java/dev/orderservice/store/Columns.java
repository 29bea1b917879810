package dev.orderservice.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * One table's columns, described once: the writer's insert statement, its {@code unnest} casts,
 * the binding of a batch, its {@code copy} statement and the binary encoding of a row all follow
 * from this list, and the reader selects the same names, so adding a column is one edit here (and
 * one where the value is made or read).
 *
 * <p>A batch is bound as one SQL array per column, so it is inserted by a single
 * {@code insert ... select from unnest(...)} statement whatever its size. The arrays are plain
 * Java arrays ({@code String[]}, {@code long[]}, {@code byte[][]}) bound with {@code setObject},
 * which pgjdbc sends in PostgreSQL's binary array format: no quoting and escaping of every element
 * on the way out, no parsing of array literals on the server. The same rows can instead be sent by
 * {@code copy ... from stdin (format binary)} ({@link #copy()}, {@link #encode}), where each
 * column's value is encoded in Java as the server's binary type, derived columns included.
 *
 * @param <R> what one row is made from
 */
final class Columns<R> {

    /** One column: either bound from each row, or derived on the server from bound columns. */
    sealed interface Column<R> {
        String name();

        /** Appends this column's value of {@code row} to a binary COPY row. */
        Field<R> field();
    }

    /** One column's value of a row in the binary COPY format. */
    @FunctionalInterface
    interface Field<R> {
        void encode(R row, BinaryCopy out) throws SQLException;
    }

    /**
     * A column whose values are bound as one array of {@code sqlType}.
     *
     * @param field true for an order's own field (text and numbers); false for what is stored
     *              beside it (hashes, JSON, payloads), which the reader does not read back
     */
    record Bound<R>(String name, String sqlType, boolean isField, Function<List<R>, Object> array, Field<R> field)
            implements Column<R> {
    }

    /**
     * A column computed on the server from bound ones, e.g. a timestamp parsed from its text, when
     * inserted; {@code field} computes the same value in Java for COPY.
     */
    record Derived<R>(String name, String expression, Field<R> field) implements Column<R> {
    }

    private final List<Column<R>> columns;
    private final List<Bound<R>> bound;
    private final String insert;
    private final String copy;

    @SafeVarargs
    Columns(String table, Column<R>... columns) {
        this.columns = List.of(columns);
        this.bound = this.columns.stream().<Bound<R>>mapMulti((c, out) -> {
            if (c instanceof Bound<R> b) {
                out.accept(b);
            }
        }).toList();
        this.insert = insertSql(table);
        this.copy = "copy " + table + " (" + this.columns.stream().map(Column::name).collect(Collectors.joining(", "))
                + ") from stdin (format binary)";
    }

    static <R> Column<R> text(String name, Function<R, String> value) {
        return new Bound<>(name, "text", true, rows -> {
            String[] array = new String[rows.size()];
            int i = 0;
            for (R row : rows) {
                array[i++] = value.apply(row);
            }
            return array;
        }, (row, out) -> out.text(value.apply(row)));
    }

    static <R> Column<R> number(String name, ToLongFunction<R> value) {
        return new Bound<>(name, "int8", true, rows -> {
            long[] array = new long[rows.size()];
            int i = 0;
            for (R row : rows) {
                array[i++] = value.applyAsLong(row);
            }
            return array;
        }, (row, out) -> out.int8(value.applyAsLong(row)));
    }

    /** An {@code integer} column, bound as {@code int8} and cast on insert, encoded as {@code int4} for COPY. */
    static <R> Column<R> integer(String name, ToLongFunction<R> value) {
        Bound<R> wide = (Bound<R>) number(name, value);
        return new Bound<>(name, "int8", true, wide.array(), (row, out) -> out.int4(value.applyAsLong(row)));
    }

    /**
     * As {@link #integer}, for a figure kept beside an order's own fields (e.g. its item count for
     * the listings), which the reader does not read back.
     */
    static <R> Column<R> aside(String name, ToLongFunction<R> value) {
        Bound<R> column = (Bound<R>) integer(name, value);
        return new Bound<>(name, column.sqlType(), false, column.array(), column.field());
    }

    static <R> Column<R> bytes(String name, Function<R, byte[]> value) {
        return new Bound<>(name, "bytea", false, rows -> {
            byte[][] array = new byte[rows.size()][];
            int i = 0;
            for (R row : rows) {
                array[i++] = value.apply(row);
            }
            return array;
        }, (row, out) -> out.bytea(value.apply(row)));
    }

    static <R> Column<R> derived(String name, String expression, Field<R> field) {
        return new Derived<>(name, expression, field);
    }

    /**
     * {@code insert into table (every column) select (bound names, derived expressions) from
     * unnest(?::type[], ...) as x(bound names)}: built once, callers append a conflict clause.
     */
    String insert() {
        return insert;
    }

    private String insertSql(String table) {
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String selected = columns.stream()
                .map(c -> c instanceof Derived<R> d ? d.expression() : c.name())
                .collect(Collectors.joining(", "));
        var casts = new StringJoiner(", ", "unnest(", ")");
        bound.forEach(b -> casts.add("?::" + b.sqlType() + "[]"));
        String aliases = bound.stream().map(Bound::name).collect(Collectors.joining(", "));
        return "insert into " + table + " (" + names + ")\nselect " + selected + "\nfrom " + casts
                + " as x(" + aliases + ")";
    }

    /** The order's own fields of this table, qualified by {@code alias}: what the reader selects. */
    String fields(String alias) {
        return bound.stream().filter(Bound::isField)
                .map(b -> alias.isEmpty() ? b.name() : alias + "." + b.name())
                .collect(Collectors.joining(", "));
    }

    /** Binds the rows' bound columns, in order, as parameters 1 to n of {@link #insert()}. */
    void bind(Connection connection, PreparedStatement statement, List<R> rows) throws SQLException {
        for (int i = 0; i < bound.size(); i++) {
            Bound<R> column = bound.get(i);
            if (rows.isEmpty()) {
                statement.setArray(i + 1, connection.createArrayOf(column.sqlType(), new Object[0]));
            } else {
                statement.setObject(i + 1, column.array().apply(rows));
            }
        }
    }

    /** {@code copy table (every column) from stdin (format binary)}: the rows then come from {@link #encode}. */
    String copy() {
        return copy;
    }

    /** Appends one row, every column in order, to a binary COPY stream of {@link #copy()}. */
    void encode(R row, BinaryCopy out) throws SQLException {
        out.row(columns.size());
        for (Column<R> column : columns) {
            column.field().encode(row, out);
        }
    }
}
