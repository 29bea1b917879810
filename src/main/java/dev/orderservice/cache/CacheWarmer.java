package dev.orderservice.cache;

import dev.orderservice.store.OrderReader;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the cache from PostgreSQL after a start, newest orders first, until the store is
 * exhausted or the budget is full; requests meanwhile are served read-through. Stops early rather
 * than evict: past the budget, older orders would only push out newer ones.
 *
 * <p>Orders are read as the bytes the writer stored beside the normalised rows, so warming is
 * copying, not joining and serialising. {@link #READERS} threads each claim the next-newest range
 * of {@link #PAGE_SEQS} arrival positions, so one reader's query runs while the other fills the
 * cache. Ranges are claimed newest first, so the cache still fills newest first.
 */
public final class CacheWarmer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(CacheWarmer.class);
    public static final int PAGE_SEQS = 2000;
    static final int READERS = 2;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);
    /** Stop at this share of the budget: the next page must fit without evicting. */
    private static final double FILL_RATIO = 0.97;

    private final OrderReader reader;
    private final OrderCache cache;
    private final AtomicLong warmed = new AtomicLong();
    /** The exclusive upper end of the next range to claim; ranges are claimed downwards. */
    private final AtomicLong nextRangeEnd = new AtomicLong();
    private volatile boolean full;
    private volatile boolean done;
    private volatile long startedNanos;
    private volatile long finishedNanos;
    private volatile boolean stopped;

    public CacheWarmer(OrderReader reader, OrderCache cache) {
        this.reader = reader;
        this.cache = cache;
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        startedNanos = started;
        Long end = endSeq();
        if (end != null) {
            nextRangeEnd.set(end);
            List<Thread> readers = IntStream.range(0, READERS)
                    .mapToObj(i -> Thread.ofPlatform().name("cache-warmer-" + i).daemon().start(this::readRanges))
                    .toList();
            for (Thread thread : readers) {
                join(thread);
            }
        }
        finishedNanos = System.nanoTime();
        done = true;
        long millis = Duration.ofNanos(finishedNanos - started).toMillis();
        if (full) {
            LOG.info("cache warm-up stopped at its budget: {} orders, {} bytes, in {} ms", warmed.get(),
                    cache.usedBytes(), millis);
        } else {
            LOG.info("cache warm-up finished: {} orders in {} ms", warmed.get(), millis);
        }
    }

    public long warmedOrders() {
        return warmed.get();
    }

    public boolean isDone() {
        return done;
    }

    /** How long the warm-up ran, or has been running so far; zero before it starts. */
    public Duration elapsed() {
        long start = startedNanos;
        if (start == 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((done ? finishedNanos : System.nanoTime()) - start);
    }

    public void stop() {
        stopped = true;
    }

    /** Where the store ends now; orders arriving later are cached by ingest itself. */
    private Long endSeq() {
        while (!stopped) {
            try {
                return reader.endSeq();
            } catch (SQLException e) {
                retryLater(e);
            }
        }
        return null;
    }

    private void readRanges() {
        while (!stopped && !full) {
            long to = nextRangeEnd.getAndAdd(-PAGE_SEQS);
            if (to <= 1) {
                return;
            }
            long from = Math.max(1, to - PAGE_SEQS);
            boolean read;
            do {
                read = readRange(from, to);
            } while (!read && !stopped);
        }
    }

    /** Caches one range; false when PostgreSQL could not be read and the range must be retried. */
    private boolean readRange(long from, long to) {
        if (cache.usedBytes() >= cache.maxBytes() * FILL_RATIO) {
            full = true;
            return true;
        }
        List<OrderReader.OrderBytes> page;
        try {
            page = reader.jsonRange(from, to);
        } catch (SQLException e) {
            retryLater(e);
            return false;
        }
        for (OrderReader.OrderBytes stored : page) {
            cache.putIfAbsent(stored.orderUid(), stored.json());
        }
        warmed.addAndGet(page.size());
        return true;
    }

    private void retryLater(SQLException cause) {
        LOG.warn("cache warm-up cannot read PostgreSQL ({}); retrying in {} s", cause.getMessage(),
                RETRY_DELAY.toSeconds());
        try {
            Thread.sleep(RETRY_DELAY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    private void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
