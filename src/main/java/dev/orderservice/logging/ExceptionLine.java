package dev.orderservice.logging;

/**
 * An exception as one short line for a log or an answer: its message up to the first line break
 * (drivers append hints and positions on further lines), or its class name when it has none. An
 * expected failure (an outage, a refused login) is logged this way, never as a stack trace.
 */
public final class ExceptionLine {

    private ExceptionLine() {
    }

    public static String of(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
