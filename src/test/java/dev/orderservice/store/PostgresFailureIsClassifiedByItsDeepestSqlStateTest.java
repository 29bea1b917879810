package dev.orderservice.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.store.PostgresFailure.Kind;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.EnumSet;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PostgresFailureIsClassifiedByItsDeepestSqlStateTest {

    private static final String URL = "jdbc:postgresql://db:5432/orders";

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "08001, UNREACHABLE", "08006, UNREACHABLE", "57P01, UNREACHABLE", "57P03, UNREACHABLE",
            "57014, TRANSIENT", "40001, TRANSIENT", "40P01, TRANSIENT", "53300, TRANSIENT", "58030, TRANSIENT",
            "XX000, TRANSIENT",
            "28P01, BAD_LOGIN", "28000, BAD_LOGIN",
            "3D000, MISSING_DATABASE",
            "42501, MISSING_PRIVILEGE",
            "42P01, SCHEMA_BEHIND", "42703, SCHEMA_BEHIND",
            "21000, DATA", "22001, DATA", "22P02, DATA", "23505, DATA", "23503, DATA", "54000, DATA",
            "42601, OTHER", "42P07, OTHER", "P0001, OTHER", "0A000, OTHER", "3F000, OTHER", "ZZ, OTHER",
            "Z, OTHER"})
    void theSqlStateDecides(String state, Kind kind) {
        assertThat(PostgresFailure.of(new SQLException("failed", state)).kind()).isEqualTo(kind);
    }

    static Stream<Arguments> withoutASqlState() {
        return Stream.of(
                Arguments.of(new SQLTransientConnectionException("pool timed out"), Kind.UNREACHABLE),
                Arguments.of(new SQLNonTransientConnectionException("closed"), Kind.UNREACHABLE),
                Arguments.of(new SQLRecoverableException("connection lost"), Kind.UNREACHABLE),
                Arguments.of(new SQLTimeoutException("too slow"), Kind.TRANSIENT),
                Arguments.of(new SQLException("the pool is closed"), Kind.TRANSIENT),
                Arguments.of(new SQLTimeoutException("unknown state", "ZZ999"), Kind.TRANSIENT),
                Arguments.of(new SQLException("unknown state", "ZZ999"), Kind.OTHER),
                Arguments.of(new IllegalStateException("Validate failed: migrations have failed validation"),
                        Kind.OTHER));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource
    void withoutASqlState(Throwable failure, Kind kind) {
        assertThat(PostgresFailure.of(failure).kind()).isEqualTo(kind);
    }

    static Stream<Arguments> wrapped() {
        return Stream.of(
                // Hikari's pool timeout carries the last connection failure, state and all
                Arguments.of(new SQLTransientConnectionException("orders - Connection is not available", "28P01",
                        new SQLException("password authentication failed", "28P01")), Kind.BAD_LOGIN),
                Arguments.of(new SQLTransientConnectionException("orders - Connection is not available",
                        new SQLException("Connection refused", "08001")), Kind.UNREACHABLE),
                Arguments.of(new SQLTransientConnectionException("orders - Connection is not available",
                        new IOException("reset")), Kind.UNREACHABLE),
                // Flyway wraps the driver's exception in runtime exceptions of its own
                Arguments.of(new RuntimeException("Unable to obtain connection",
                        new SQLException("database \"nope\" does not exist", "3D000")), Kind.MISSING_DATABASE),
                Arguments.of(new RuntimeException("migration failed", new SQLException("wrapper", "XX000",
                        new SQLException("permission denied for schema public", "42501"))), Kind.MISSING_PRIVILEGE),
                Arguments.of(new RuntimeException("outer", new IllegalStateException("inner")), Kind.OTHER),
                // pgjdbc's verify-full failures carry the connection-failure state 08006 of an unreachable server
                Arguments.of(new RuntimeException("Unable to obtain connection", new SQLException(
                        "SSL error: PKIX path building failed", "08006", new SSLHandshakeException("PKIX"))),
                        Kind.UNTRUSTED_SERVER),
                Arguments.of(new SQLException("The hostname db could not be verified by hostnameverifier "
                        + "PgjdbcHostnameVerifier.", "08006"), Kind.UNTRUSTED_SERVER),
                Arguments.of(new SQLException("The server does not support SSL.", "08004"), Kind.UNTRUSTED_SERVER));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource
    void wrapped(Throwable failure, Kind kind) {
        assertThat(PostgresFailure.of(failure).kind()).isEqualTo(kind);
    }

    @Test
    void onlyUnreachableAndTransientPassByThemselvesAndOnlyDataAndOtherMayBeTheData() {
        assertThat(EnumSet.allOf(Kind.class).stream().filter(Kind::passesByItself))
                .containsExactlyInAnyOrder(Kind.UNREACHABLE, Kind.TRANSIENT);
        assertThat(EnumSet.allOf(Kind.class).stream().filter(Kind::mayBeTheData))
                .containsExactlyInAnyOrder(Kind.DATA, Kind.OTHER);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "08001 | cannot reach PostgreSQL at " + URL + " (driver says); is it running? check ORDERS_DB_URL",
            "40P01 | PostgreSQL at " + URL + " failed for now (driver says); try again",
            "28P01 | PostgreSQL at " + URL + " refused the login (driver says); check ORDERS_DB_USER / ORDERS_DB_PASSWORD",
            "3D000 | the database in " + URL + " does not exist (driver says); create it or fix ORDERS_DB_URL",
            "42501 | permission denied (driver says); run migrations as the schema owner: set "
                    + "ORDERS_DB_MIGRATION_USER / ORDERS_DB_MIGRATION_PASSWORD",
            "42P01 | the schema is older than this build (driver says); run `order-service migrate` first",
            "23505 | PostgreSQL at " + URL + " refused the data (driver says)",
            "P0001 | PostgreSQL at " + URL + " failed: driver says"})
    void eachKindSaysWhatIsWrongAndWhatFixesIt(String state, String line) {
        var failure = new RuntimeException("Flyway's summary", new SQLException("driver says\n  Hint: more", state));

        assertThat(PostgresFailure.of(failure).describe(URL, PostgresFailure.APP_LOGIN)).isEqualTo(line);
    }

    @Test
    void aRefusedLoginNamesTheSettingsThatChoseIt() {
        var failure = PostgresFailure.of(new SQLException("password authentication failed", "28P01"));

        assertThat(failure.describe(URL, PostgresFailure.MIGRATION_LOGIN))
                .endsWith("check ORDERS_DB_MIGRATION_USER / ORDERS_DB_MIGRATION_PASSWORD");
    }

    @Test
    void withoutASqlExceptionTheOutermostMessageIsTheLine() {
        assertThat(PostgresFailure.of(new IllegalStateException("Validate failed\nDetails")).line())
                .isEqualTo("Validate failed");
        assertThat(PostgresFailure.of(new IllegalStateException()).line()).isEqualTo("IllegalStateException");
    }
}
