package dev.orderservice.nats;

import dev.orderservice.config.Redaction;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import java.io.IOException;

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
