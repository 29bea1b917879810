package dev.orderservice.nats;

import dev.orderservice.config.Redaction;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import java.io.IOException;
import java.util.Locale;

/**
 * Why a NATS connection failed, in one line. jnats' {@code connect} throws only "Unable to connect
 * to NATS servers"; the reason an operator can act on (the server's {@code Authorization Violation},
 * the TLS handshake's certificate complaint) reaches the {@link ErrorListener} instead. This
 * listener keeps the latest reason, silently (jnats' default listener would print each with a
 * stack trace), and {@link #explain} puts the two together. Every line passes through
 * {@link Redaction#process()}.
 *
 * <p>Install one per connection attempt: {@code builder.errorListener(failures)}.
 */
public final class NatsFailures implements ErrorListener {

    private volatile String lastReason;

    /** The failure of {@code connect}, with the latest reason the client heard, as one line. */
    public String explain(IOException failure) {
        String reason = lastReason;
        String line = describe(failure);
        return reason == null || line.contains(reason) ? line : line + " (" + reason + ")";
    }

    /** What went wrong, by the words of the failure: what an operator checks first. */
    public enum Cause {
        /** The server refused the credentials: waiting does not help until someone fixes them. */
        CREDENTIALS("check the NATS credentials (ORDERS_NATS_USER / ORDERS_NATS_PASSWORD, ORDERS_NATS_TOKEN, "
                + "ORDERS_NATS_NKEY_SEED_FILE or ORDERS_NATS_CREDS_FILE) against the server's authorization"),
        /** The TLS handshake failed: an untrusted or misnamed certificate, or TLS on one side only. */
        TLS("check ORDERS_NATS_TLS_CA_FILE, that the URL's host is a name in the server's certificate, and the "
                + "client certificate if the server asks for one"),
        /** Anything else: most often the server is not (yet) there. */
        UNREACHABLE("check ORDERS_NATS_URL and that nats-server runs with JetStream (-js)");

        private final String advice;

        Cause(String advice) {
            this.advice = advice;
        }

        /** What to check, as the end of a line. */
        public String advice() {
            return advice;
        }

        /**
         * The start of the line: what happened at {@code urls} (shown without their user info);
         * for {@link #UNREACHABLE} each caller says it in its own words.
         */
        public String headline(String urls) {
            return switch (this) {
                case CREDENTIALS -> "NATS at " + urls + " refused the credentials";
                case TLS -> "NATS at " + urls + " failed the TLS handshake";
                case UNREACHABLE -> "NATS is unreachable at " + urls;
            };
        }
    }

    /** The cause of a failed {@code connect}, judged from the line {@link #explain} made of it. */
    public static Cause cause(String explained) {
        String text = explained.toLowerCase(Locale.ROOT);
        if (text.contains("authorization violation") || text.contains("authentication")
                || text.contains("user authentication")) {
            return Cause.CREDENTIALS;
        }
        if (text.contains("ssl") || text.contains("tls") || text.contains("certificat") || text.contains("pkix")
                || text.contains("handshake")) {
            return Cause.TLS;
        }
        return Cause.UNREACHABLE;
    }

    /** The latest reason heard, or null. */
    public String lastReason() {
        return lastReason;
    }

    @Override
    public void errorOccurred(Connection connection, String error) {
        lastReason = describeText(error);
    }

    @Override
    public void exceptionOccurred(Connection connection, Exception exception) {
        lastReason = describe(exception);
    }

    /** The messages of {@code failure} and its causes, each once, joined on one line and redacted. */
    public static String describe(Throwable failure) {
        StringBuilder line = new StringBuilder();
        String previous = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (!message.isEmpty() && (previous == null || !previous.contains(message))) {
                line.append(line.isEmpty() ? "" : ": ").append(message);
                previous = message;
            }
        }
        return describeText(line.toString());
    }

    private static String describeText(String text) {
        return Redaction.process().redact(text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip());
    }
}
