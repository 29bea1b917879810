package dev.orderservice.cache;

import dev.orderservice.model.OrderJson;
import dev.orderservice.store.OrderReader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the cache from PostgreSQL after a start, newest orders first, until the store is
 * exhausted or the budget is full; requests meanwhile are served read-through. Stops early rather
 * than evict: past the budget, older orders would only push out newer ones.
 */
public final class CacheWarmer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(CacheWarmer.class);
    public static final int PAGE_ORDERS = 2000;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);
    /** Stop at this share of the budget: the next page must fit without evicting. */
    private static final double FILL_RATIO = 0.97;

    private final OrderReader reader;
    private final OrderCache cache;
    private final AtomicLong warmed = new AtomicLong();
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
        long before = Long.MAX_VALUE;
        while (!stopped) {
            if (cache.usedBytes() >= cache.maxBytes() * FILL_RATIO) {
                LOG.info("cache warm-up stopped at its budget: {} orders, {} bytes", warmed.get(), cache.usedBytes());
                break;
            }
            List<OrderReader.StoredOrder> page;
            try {
                page = reader.newest(before, PAGE_ORDERS);
            } catch (java.sql.SQLException e) {
                LOG.warn("cache warm-up cannot read PostgreSQL ({}); retrying in {} s", e.getMessage(),
                        RETRY_DELAY.toSeconds());
                sleep(RETRY_DELAY);
                continue;
            }
            if (page.isEmpty()) {
                break;
            }
            for (OrderReader.StoredOrder stored : page) {
                cache.putIfAbsent(stored.order().orderUid(), OrderJson.write(stored.order()));
            }
            warmed.addAndGet(page.size());
            before = page.get(page.size() - 1).seq();
        }
        finishedNanos = System.nanoTime();
        done = true;
        long millis = Duration.ofNanos(finishedNanos - started).toMillis();
        LOG.info("cache warm-up finished: {} orders in {} ms", warmed.get(), millis);
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

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
