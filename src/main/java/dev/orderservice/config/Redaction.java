package dev.orderservice.config;

import java.util.regex.Pattern;

/**
 * How addresses are shown wherever they could leave the process (logs, settings' toString):
 * without the credentials they may carry. The one place that knows where those sit.
 */
public final class Redaction {

    /** NATS URLs carry a login as user info: {@code nats://user:password@host}. */
    private static final Pattern USER_INFO = Pattern.compile("//[^@/,]*@");

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

    /** NATS URL(s), comma-separated, each without its user info. */
    public static String natsUrls(String urls) {
        return urls == null ? null : USER_INFO.matcher(urls).replaceAll("//");
    }
}
