package dev.orderservice.publish;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A one-line progress bar on a terminal, redrawn in place with carriage returns a few times a
 * second by its own thread, so the publishing loop only stores a counter.
 */
final class ProgressBar implements AutoCloseable {

    private static final long REDRAW_MILLIS = 200;
    private static final int BAR_CHARS = 30;

    private final PrintWriter out;
    private final long total;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService redraw;
    private volatile long sent;

    ProgressBar(PrintWriter out, long total) {
        this.out = out;
        this.total = total;
        this.redraw = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "publish-progress");
            thread.setDaemon(true);
            return thread;
        });
        redraw.scheduleAtFixedRate(this::draw, 0, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
    }

    void sent(long count) {
        sent = count;
    }

    /** Draws the final state and ends the line, so what follows starts on a fresh one. */
    @Override
    public void close() {
        redraw.shutdownNow();
        try {
            redraw.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        draw();
        out.println();
        out.flush();
    }

    private synchronized void draw() {
        long done = sent;
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        int filled = (int) (BAR_CHARS * done / total);
        String bar = "#".repeat(filled) + "-".repeat(BAR_CHARS - filled);
        out.print(String.format(Locale.ROOT, "\r[%s] %d/%d %5.1f%% %,.0f msg/s ", bar, done, total,
                100.0 * done / total, done / seconds));
        out.flush();
    }
}
