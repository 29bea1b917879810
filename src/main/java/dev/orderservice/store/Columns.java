package dev.orderservice.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * One table's columns, described once: the writer's insert statement, its {@code unnest} casts
 * and the binding of a batch all follow from this list, and the reader selects the same names, so
 * adding a column is one edit here (and one where the value is made or read).
 *
 * <p>A batch is bound as one SQL array per column, so it is inserted by a single
 * {@code insert ... select from unnest(...)} statement whatever its size. The arrays are plain
 * Java arrays ({@code String[]}, {@code long[]}, {@code byte[][]}) bound with {@code setObject},
 * which pgjdbc sends in PostgreSQL's binary array format: no quoting and escaping of every element
 * on the way out, no parsing of array literals on the server.
 *
 * @param <R> what one row is made from
 */
final class Columns<R> {

    /** One column: either bound from each row, or derived on the server from bound columns. */
    sealed interface Column<R> {
        String name();
    }

    /**
     * A column whose values are bound as one array of {@code sqlType}.
     *
     * @param field true for an order's own field (text and numbers); false for what is stored
     *              beside it (hashes, JSON, payloads), which the reader does not read back
     */
    record Bound<R>(String name, String sqlType, boolean field, Function<List<R>, Object> array)
            implements Column<R> {
    }

    /** A column computed on the server from bound ones, e.g. a timestamp parsed from its text. */
    record Derived<R>(String name, String expression) implements Column<R> {
    }

    private final List<Column<R>> columns;
    private final List<Bound<R>> bound;
    private final String insert;

    @SafeVarargs
    Columns(String table, Column<R>... columns) {
        this.columns = List.of(columns);
        this.bound = this.columns.stream().<Bound<R>>mapMulti((c, out) -> {
            if (c instanceof Bound<R> b) {
                out.accept(b);
            }
        }).toList();
        this.insert = insertSql(table);
    }

    static <R> Column<R> text(String name, Function<R, String> value) {
        return new Bound<>(name, "text", true, rows -> {
            String[] array = new String[rows.size()];
            int i = 0;
            for (R row : rows) {
                array[i++] = value.apply(row);
            }
            return array;
        });
    }

    static <R> Column<R> number(String name, ToLongFunction<R> value) {
        return new Bound<>(name, "int8", true, rows -> {
            long[] array = new long[rows.size()];
            int i = 0;
            for (R row : rows) {
                array[i++] = value.applyAsLong(row);
            }
            return array;
        });
    }

    static <R> Column<R> bytes(String name, Function<R, byte[]> value) {
        return new Bound<>(name, "bytea", false, rows -> {
            byte[][] array = new byte[rows.size()][];
            int i = 0;
            for (R row : rows) {
                array[i++] = value.apply(row);
            }
            return array;
        });
    }

    static <R> Column<R> derived(String name, String expression) {
        return new Derived<>(name, expression);
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

    /** The order's own fields of this table, qualified by {@code alias}, less those named: what the reader selects. */
    String fields(String alias, String... except) {
        Predicate<String> wanted = name -> !Arrays.asList(except).contains(name);
        return bound.stream().filter(b -> b.field() && wanted.test(b.name()))
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
}
