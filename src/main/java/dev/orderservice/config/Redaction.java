package dev.orderservice.config;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * How addresses are shown wherever they could leave the process (logs, settings' toString):
 * without the credentials they may carry. The one place that knows where those sit.
 */
public final class Redaction {

    /** NATS URLs carry a login as user info: {@code nats://user:password@host}. */
    private static final Pattern USER_INFO = Pattern.compile("//[^@/,]*@");

    static final String REDACTED = "[redacted]";

    private Redaction() {
    }

    /** A JDBC URL without its parameters, where a password may be given ({@code ?password=...}). */
    public static String jdbcUrl(String url) {
        if (url == null) {
            return null;
        }
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /**
     * A request's query string with every parameter not named in {@code shown} replaced, name and
     * value: a token someone pasted into a URL ({@code ?access_token=...}) must not reach a log.
     */
    public static String query(String query, Set<String> shown) {
        if (query == null || query.isEmpty()) {
            return query;
        }
        StringBuilder out = new StringBuilder(query.length());
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(shown.contains(name) ? parameter : REDACTED);
        }
        return out.toString();
    }

    /** NATS URL(s), comma-separated, each without its user info. */
    public static String natsUrls(String urls) {
        return urls == null ? null : USER_INFO.matcher(urls).replaceAll("//");
    }
}
