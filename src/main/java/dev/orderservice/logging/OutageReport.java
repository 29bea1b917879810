package dev.orderservice.logging;

import java.time.Duration;

/**
 * When to log about something the service is waiting for: once when the wait starts, again every
 * {@link #EVERY} while it lasts, and once when it is over; never a line per retry. Used by one
 * waiting thread at a time, so it is not thread-safe.
 */
public final class OutageReport {

    public static final Duration EVERY = Duration.ofSeconds(30);

    private boolean waiting;
    private long lastReportNanos;

    /** Call on each failed attempt: true when a line is due now. */
    public boolean due() {
        long now = System.nanoTime();
        if (!waiting || now - lastReportNanos > EVERY.toNanos()) {
            waiting = true;
            lastReportNanos = now;
            return true;
        }
        return false;
    }

    /** Call on success: true when there was a wait to report the end of. */
    public boolean over() {
        boolean was = waiting;
        waiting = false;
        return was;
    }
}
