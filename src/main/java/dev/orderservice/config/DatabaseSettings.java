package dev.orderservice.config;

/**
 * The PostgreSQL the service is told about, settled from flags and environment. Unset text is
 * null, never blank. {@link #toString} leaves the passwords out, and the URL's parameters.
 *
 * @param url               the external PostgreSQL's JDBC URL; null: the embedded one
 * @param user              the service's login (the app role)
 * @param password          its password
 * @param migrationUser     the login that owns the schema and applies migrations; null: {@code user} does
 * @param migrationPassword its password
 */
public record DatabaseSettings(String url, String user, String password, String migrationUser,
        String migrationPassword) {

    public DatabaseSettings {
        url = Text.orNull(url);
        user = Text.orNull(user);
        migrationUser = Text.orNull(migrationUser);
    }

    /** No URL given: the service runs its own PostgreSQL under the data dir. */
    public boolean embedded() {
        return url == null;
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + Redaction.jdbcUrl(url) + ", user=" + user + ", migrationUser="
                + migrationUser + "]";
    }
}
