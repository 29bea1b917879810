package dev.orderservice.ingest;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Tells failures of the database (wait and retry everything) from failures of one message's data. */
public final class Failures {

    private Failures() {
    }

    /**
     * True when the failure says nothing about the messages: the connection, the server's state
     * or a transient conflict. SQLState classes: 08 connection, 40 transaction rollback, 53
     * insufficient resources, 57 operator intervention (shutdown), 58 system error; and the pool
     * timing out (SQLTransientConnectionException).
     */
    static boolean isDatabaseUnavailable(Exception e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        if (e instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state == null) {
                return true;
            }
            return state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                    || state.startsWith("57") || state.startsWith("58") || state.startsWith("XX");
        }
        return false;
    }

    /** One short line for logs: never a stack trace for an expected outage. */
    public static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
