package dev.orderservice.publish;

/**
 * A run that could not be completed, with a message meant for people: one line that says what
 * went wrong and what to do, never a stack trace.
 */
public final class PublishException extends Exception {

    private final long acknowledged;

    public PublishException(String message, long acknowledged, Throwable cause) {
        super(message, cause);
        this.acknowledged = acknowledged;
    }

    public PublishException(String message) {
        this(message, 0, null);
    }

    /** Messages JetStream had acknowledged before the failure; they are in the stream. */
    public long acknowledged() {
        return acknowledged;
    }
}
