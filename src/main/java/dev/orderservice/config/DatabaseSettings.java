package dev.orderservice.config;

import dev.orderservice.store.DatabaseTls;
import java.nio.file.Path;

/**
 * The PostgreSQL the service is told about, settled from flags and environment. Unset text is
 * null, never blank. {@link #toString} leaves the passwords out, and the URL's parameters.
 *
 * @param url               the external PostgreSQL's JDBC URL as given; null: the embedded one
 * @param user              the service's login (the app role)
 * @param password          its password, or null
 * @param migrationUser     the login that owns the schema and applies migrations; null: {@code user} does
 * @param migrationPassword its password, or null
 * @param tlsCaFile         the CA to verify the server against ({@code ORDERS_DB_TLS_CA_FILE}), or null
 */
public record DatabaseSettings(String url, String user, Secret password, String migrationUser,
        Secret migrationPassword, Path tlsCaFile) {

    public DatabaseSettings {
        url = Text.orNull(url);
        user = Text.orNull(user);
        migrationUser = Text.orNull(migrationUser);
    }

    /** No URL given: the service runs its own PostgreSQL under the data dir. */
    public boolean embedded() {
        return url == null;
    }

    /**
     * The URL every connection uses (the pool, Flyway, {@code check}): the one given, with
     * {@code sslmode=verify-full} against {@link #tlsCaFile} where the URL does not say otherwise.
     */
    public String jdbcUrl() {
        return url == null ? null : DatabaseTls.verifyFull(url, tlsCaFile);
    }

    /** The password's value for the driver, or null. */
    public String revealPassword() {
        return password == null ? null : password.reveal();
    }

    /** The migration password's value for the driver, or null. */
    public String revealMigrationPassword() {
        return migrationPassword == null ? null : migrationPassword.reveal();
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + Redaction.jdbcUrl(url) + ", user=" + user + ", migrationUser="
                + migrationUser + ", tlsCaFile=" + tlsCaFile + "]";
    }
}
