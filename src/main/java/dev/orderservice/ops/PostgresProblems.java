package dev.orderservice.ops;

import dev.orderservice.ingest.Failures;
import java.sql.SQLException;

/** Turns a PostgreSQL failure into one line: what went wrong, and which setting or step fixes it. */
final class PostgresProblems {

    private PostgresProblems() {
    }

    /** The deepest SQLException in the chain (Flyway and Hikari wrap the driver's). */
    static SQLException rootSql(Throwable e) {
        SQLException found = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                found = sql;
            }
        }
        return found;
    }

    /** {@code userSettings} names the settings that chose the login, e.g. "ORDERS_DB_USER / ORDERS_DB_PASSWORD". */
    static String describe(Throwable e, String url, String userSettings) {
        SQLException sql = rootSql(e);
        String what = Failures.describe(sql != null ? sql : e);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        if (state.startsWith("08")) {
            return "cannot reach PostgreSQL at " + url + " (" + what + "); is it running? check ORDERS_DB_URL";
        }
        if (state.startsWith("28")) {
            return "PostgreSQL at " + url + " refused the login (" + what + "); check " + userSettings;
        }
        if (state.equals("3D000")) {
            return "the database in " + url + " does not exist (" + what + "); create it or fix ORDERS_DB_URL";
        }
        if (state.equals("42501")) {
            return "permission denied (" + what + "); run migrations as the schema owner: set "
                    + "ORDERS_DB_MIGRATION_USER / ORDERS_DB_MIGRATION_PASSWORD";
        }
        if (state.equals("42P01") || state.equals("42703")) {
            return "the schema is older than this build (" + what + "); run `order-service migrate` first";
        }
        return "PostgreSQL at " + url + " failed: " + what;
    }
}
