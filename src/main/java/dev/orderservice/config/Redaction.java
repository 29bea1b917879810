package dev.orderservice.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one step that takes secrets out of text the service writes: log lines, errors, {@code check}'s
 * output, the start line, {@code /api/status}. Two kinds of rule apply, in this order:
 * <ol>
 *   <li>credentials by their place in a URL, known or not: the password of {@code user:pass@} and a
 *       lone token {@code token@} in any {@code scheme://} URL (NATS lists, JDBC URLs), a bare
 *       {@code user:pass@host} item of a comma-separated server list, and JDBC parameters whose
 *       name ends in password, secret or token ({@code password=}, {@code sslpassword=});</li>
 *   <li>every registered secret, wherever it stands, also in its URL-encoded and JSON-escaped form
 *       (so a password quoted in a JSON log line or encoded in a URL goes too).</li>
 * </ol>
 * An instance is safe to use from any thread; {@link #register} publishes a new immutable list.
 * {@link #process()} is the instance the log encoder reads: whoever reads a secret registers it there.
 *
 * <p>Where an address is shown on purpose (settings' toString, the start line), {@link #jdbcUrl}
 * and {@link #natsUrls} show it without any login at all.
 */
public final class Redaction {

    public static final String MASK = "****";

    /** What {@link #query} puts in place of a parameter it does not show. */
    static final String REDACTED = "[redacted]";

    private static final Redaction PROCESS = new Redaction();

    /**
     * {@code scheme://user:pass@} or {@code scheme://token@}, also as a JSON encoder writes it
     * ({@code scheme:\/\/}); the user part stays.
     */
    private static final Pattern URL_USERINFO = Pattern.compile(
            "(?i)\\b([a-z][a-z0-9+.-]*:(?://|\\\\/\\\\/))([^/\\\\@\\s,?#:\"]*)(:[^/\\\\@\\s,?#\"]*)?@");
    /** A {@code user:pass@host} item of a list without a scheme, at the start or after a comma. */
    private static final Pattern BARE_USERINFO = Pattern.compile("(^|,)(\\s*[^/@\\s,:=]+):([^/@\\s,]+)@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;][a-z0-9_.-]*(?:password|secret|token)=)([^&;\\s,]*)");

    /** NATS URLs carry a login as user info: {@code nats://user:password@host}. */
    private static final Pattern NATS_USER_INFO = Pattern.compile("//[^@/,]*@");

    private volatile List<String> secrets = List.of();

    /** A new instance with no registered secrets (tests and embedded use). */
    public Redaction() {
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
        return urls == null ? null : NATS_USER_INFO.matcher(urls).replaceAll("//");
    }

    /** The process-wide instance: what the log output and the commands redact with. */
    public static Redaction process() {
        return PROCESS;
    }

    /** From now on, {@code secret} is masked wherever it appears. */
    public synchronized Redaction register(Secret secret) {
        List<String> next = new ArrayList<>(secrets);
        for (String form : forms(secret.reveal())) {
            if (!next.contains(form)) {
                next.add(form);
            }
        }
        // longest first, so a secret that contains another is masked whole
        next.sort(Comparator.comparingInt(String::length).reversed());
        secrets = List.copyOf(next);
        return this;
    }

    /** {@code text} with every credential replaced by {@link #MASK}; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = redactUserInfo(text);
        out = BARE_USERINFO.matcher(out).replaceAll("$1$2:" + MASK + "@");
        out = SECRET_PARAMETER.matcher(out).replaceAll("$1" + MASK);
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    private static String redactUserInfo(String text) {
        Matcher m = URL_USERINFO.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            // user:pass@ keeps the user; a lone token@ is all secret
            String kept = m.group(3) == null ? m.group(1) + MASK : m.group(1) + m.group(2) + ":" + MASK;
            m.appendReplacement(out, Matcher.quoteReplacement(kept + "@"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<String> forms(String secret) {
        List<String> forms = new ArrayList<>(List.of(secret));
        String urlEncoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        String jsonEscaped = secret.replace("\\", "\\\\").replace("\"", "\\\"");
        for (String form : List.of(urlEncoded, jsonEscaped)) {
            if (!forms.contains(form)) {
                forms.add(form);
            }
        }
        return forms;
    }
}
