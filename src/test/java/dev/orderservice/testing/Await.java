package dev.orderservice.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polls a condition until it holds or the time is up; the failure says what was last seen. */
public final class Await {

    /** Short, since most waits end within a few polls; a probe is one HTTP request or one count. */
    private static final long POLL_MILLIS = 100;

    private Await() {
    }

    public static <T> T until(Duration timeout, Callable<T> probe, Predicate<T> done,
            String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.call();
                if (done.test(last)) {
                    return last;
                }
            } catch (Exception notYet) {
                // keep polling: services may be restarting
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last seen: " + last);
    }
}
