package dev.orderservice.store;

import static java.util.Map.entry;

import dev.orderservice.logging.ExceptionLine;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * What a PostgreSQL failure means, the one place that reads SQLStates: ingest (hold the batch or
 * retry it message by message), serve's migrations (wait or stop) and the commands (which line to
 * print) all decide by its {@link Kind}.
 *
 * <p>The SQLState read is the deepest {@link SQLException}'s in the cause chain: Flyway and
 * Hikari wrap the driver's, and Hikari's pool timeout carries the last connection failure as its
 * cause. Without a SQLState the exception types decide (a connection exception means unreachable,
 * another transient one transient); a SQLException with neither is taken as transient, as a
 * state-less driver or pool failure says nothing about the data. A failure with no SQLException
 * at all is {@link Kind#OTHER}.
 */
public final class PostgresFailure {

    /** The settings that choose the service's own login. */
    public static final String APP_LOGIN = "ORDERS_DB_USER / ORDERS_DB_PASSWORD";
    /** The settings that choose the login migrations run as. */
    public static final String MIGRATION_LOGIN = "ORDERS_DB_MIGRATION_USER / ORDERS_DB_MIGRATION_PASSWORD";

    /**
     * What is wrong, and so who can fix it: time ({@link #passesByItself()}), an operator (a
     * setting or a step), or the data written ({@link #mayBeTheData()}).
     */
    public enum Kind {
        /** Not reachable, starting or shutting down (08, 57P), or no connection from the pool in time. */
        UNREACHABLE,
        /** Reachable but failing for now: a conflict, a shortage, an internal error (40, 53, 57, 58, XX). */
        TRANSIENT,
        /** The login was refused: user, password or pg_hba.conf (28). */
        BAD_LOGIN,
        /**
         * TLS failed: the server's certificate is not signed by the trusted CA or not for the URL's
         * host, or the server speaks no TLS; a setting, waiting does not mend it.
         */
        UNTRUSTED_SERVER,
        /** The database in the URL does not exist (3D000). */
        MISSING_DATABASE,
        /** The login lacks a privilege the statement needs (42501). */
        MISSING_PRIVILEGE,
        /** A table or column this build uses is missing: not migrated yet (42P01, 42703). */
        SCHEMA_BEHIND,
        /** The values written broke a rule: cardinality, data, integrity, a size limit (21, 22, 23, 54). */
        DATA,
        /** Anything else, a migration's own error (P0) and failures without a SQLException among them. */
        OTHER;

        /** Waiting and trying again can help: nothing needs changing. */
        public boolean passesByItself() {
            return this == UNREACHABLE || this == TRANSIENT;
        }

        /**
         * The cause may lie in what was written rather than in the database or its setup, so it is
         * worth trying the messages one by one; never for a failure every message would meet alike.
         */
        public boolean mayBeTheData() {
            return this == DATA || this == OTHER;
        }
    }

    /** SQLStates and SQLState classes (their first two characters) by what they mean. */
    private static final Map<String, Kind> BY_STATE = Map.ofEntries(
            entry("08", Kind.UNREACHABLE), entry("57P", Kind.UNREACHABLE),
            entry("40", Kind.TRANSIENT), entry("53", Kind.TRANSIENT), entry("57", Kind.TRANSIENT),
            entry("58", Kind.TRANSIENT), entry("XX", Kind.TRANSIENT),
            entry("28", Kind.BAD_LOGIN),
            entry("3D000", Kind.MISSING_DATABASE),
            entry("42501", Kind.MISSING_PRIVILEGE),
            entry("42P01", Kind.SCHEMA_BEHIND), entry("42703", Kind.SCHEMA_BEHIND),
            entry("21", Kind.DATA), entry("22", Kind.DATA), entry("23", Kind.DATA), entry("54", Kind.DATA));

    private final Kind kind;
    private final String line;

    private PostgresFailure(Kind kind, String line) {
        this.kind = kind;
        this.line = line;
    }

    public static PostgresFailure of(Throwable e) {
        SQLException root = rootSql(e);
        return new PostgresFailure(root == null ? Kind.OTHER : kind(root, e),
                ExceptionLine.of(root != null ? root : e));
    }

    public Kind kind() {
        return kind;
    }

    /** The failure in one line, the driver's own words: the root SQLException's first line. */
    public String line() {
        return line;
    }

    /**
     * One line saying what is wrong and which setting or step fixes it.
     *
     * @param url           the JDBC URL without credentials
     * @param loginSettings the settings that chose the login, {@link #APP_LOGIN} or {@link #MIGRATION_LOGIN}
     */
    public String describe(String url, String loginSettings) {
        return switch (kind) {
            case UNREACHABLE -> "cannot reach PostgreSQL at " + url + " (" + line + "); is it running? check ORDERS_DB_URL";
            case TRANSIENT -> "PostgreSQL at " + url + " failed for now (" + line + "); try again";
            case BAD_LOGIN -> "PostgreSQL at " + url + " refused the login (" + line + "); check " + loginSettings;
            case UNTRUSTED_SERVER -> "PostgreSQL at " + url + " cannot be verified over TLS (" + line + "); check "
                    + "ORDERS_DB_TLS_CA_FILE (the CA that signed the server's certificate), that the URL's host is a "
                    + "name in that certificate, and that the server has ssl on";
            case MISSING_DATABASE -> "the database in " + url + " does not exist (" + line
                    + "); create it or fix ORDERS_DB_URL";
            case MISSING_PRIVILEGE -> "permission denied (" + line + "); run migrations as the schema owner: set "
                    + MIGRATION_LOGIN;
            case SCHEMA_BEHIND -> "the schema is older than this build (" + line + "); run `order-service migrate` first";
            case DATA -> "PostgreSQL at " + url + " refused the data (" + line + ")";
            case OTHER -> "PostgreSQL at " + url + " failed: " + line;
        };
    }

    private static SQLException rootSql(Throwable e) {
        SQLException found = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                found = sql;
            }
        }
        return found;
    }

    private static Kind kind(SQLException root, Throwable e) {
        if (untrusted(e)) {
            return Kind.UNTRUSTED_SERVER;
        }
        String state = root.getSQLState();
        Kind byState = state == null ? null : byState(state);
        if (byState != null && byState != Kind.OTHER) {
            return byState;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return Kind.UNREACHABLE;
            }
            if (t instanceof SQLTransientException) {
                return Kind.TRANSIENT;
            }
        }
        return byState == null ? Kind.TRANSIENT : byState;
    }

    /**
     * pgjdbc reports a failed TLS check as a connection failure (08006), like an unreachable server;
     * the handshake's exception among the causes, or the driver's words for a name or TLS refused, tell them apart.
     */
    private static boolean untrusted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof SSLException || t instanceof CertificateException
                    || message.contains("could not be verified by hostnameverifier")
                    || message.contains("The server does not support SSL")) {
                return true;
            }
        }
        return false;
    }

    /** The longest prefix of the SQLState that is listed decides: "57P01" is unreachable, "57014" transient. */
    private static Kind byState(String state) {
        for (int length = state.length(); length >= 2; length--) {
            Kind kind = BY_STATE.get(state.substring(0, length));
            if (kind != null) {
                return kind;
            }
        }
        return Kind.OTHER;
    }
}
