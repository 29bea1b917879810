package dev.orderservice.store;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * PostgreSQL over TLS with the server's certificate checked against a given CA and its name
 * against the URL's host ({@code ORDERS_DB_TLS_CA_FILE}): pgjdbc's {@code sslmode=verify-full}
 * with {@code sslrootcert}. What the JDBC URL already says wins: a URL that names its own
 * {@code sslmode} or {@code sslrootcert} keeps it, so an operator's explicit choice (even
 * {@code sslmode=disable}) is never overridden.
 */
public final class DatabaseTls {

    private static final Pattern SSLMODE = Pattern.compile("(?i)[?&]sslmode=");
    private static final Pattern SSLROOTCERT = Pattern.compile("(?i)[?&]sslrootcert=");

    private DatabaseTls() {
    }

    /**
     * {@code jdbcUrl} with {@code sslmode=verify-full} and {@code sslrootcert=caFile} added where it
     * does not set them; unchanged when {@code caFile} is null.
     */
    public static String verifyFull(String jdbcUrl, Path caFile) {
        if (caFile == null) {
            return jdbcUrl;
        }
        StringBuilder url = new StringBuilder(jdbcUrl);
        if (!SSLMODE.matcher(jdbcUrl).find()) {
            append(url, "sslmode=verify-full");
        }
        if (!SSLROOTCERT.matcher(jdbcUrl).find()) {
            // pgjdbc URL-decodes parameter values
            append(url, "sslrootcert=" + URLEncoder.encode(caFile.toAbsolutePath().toString(), StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    private static void append(StringBuilder url, String parameter) {
        url.append(url.indexOf("?") < 0 ? '?' : '&').append(parameter);
    }
}
