package dev.orderservice.store;

/**
 * PostgreSQL cannot be used and waiting will not change that: a refused login, a missing database,
 * a migration the login may not run or that fails. The message is one line naming the fix.
 */
public final class UnusableDatabaseException extends Exception {

    UnusableDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
