package dev.orderservice.bench;

import dev.orderservice.model.OrderJson;
import dev.orderservice.publish.OrderGenerator;
import dev.orderservice.store.BatchOutcome;
import dev.orderservice.store.Database;
import dev.orderservice.store.OrderWriter;
import dev.orderservice.store.PendingMessage;
import dev.orderservice.validation.MessageDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fills a store for {@code bench/run --scale}: generated orders, decoded and validated as ingest
 * decodes them, written by the real {@link OrderWriter} (binary COPY, one transaction per batch),
 * without the broker. The fastest honest way to a large store: every row is one the service
 * itself would have written, and nothing is held in memory beyond a few batches (unlike
 * {@link WriterCeiling}, which decodes everything first).
 *
 * <p>Usage: {@code StoreLoader JDBC_URL USER ORDERS WRITERS BATCH SEED}. Prints {@code key value}
 * lines: the rate and the time taken.
 */
public final class StoreLoader {

    private static final int DECODERS = 2;
    private static final List<PendingMessage> END = List.of();

    private StoreLoader() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        long orders = Long.parseLong(args[2]);
        int writers = Integer.parseInt(args[3]);
        int batchSize = Integer.parseInt(args[4]);
        long seed = Long.parseLong(args[5]);

        BlockingQueue<List<PendingMessage>> queue = new ArrayBlockingQueue<>(2 * writers);
        var failure = new AtomicReference<Exception>();
        var stored = new AtomicLong();
        long batches = (orders + batchSize - 1) / batchSize;
        List<Thread> decoders = new ArrayList<>();
        for (int d = 0; d < DECODERS; d++) {
            int first = d;
            decoders.add(Thread.ofPlatform().name("load-decoder-" + d).start(() -> {
                var generator = new OrderGenerator(seed);
                var decoder = new MessageDecoder(1 << 20);
                try {
                    for (long b = first; b < batches && failure.get() == null; b += DECODERS) {
                        List<PendingMessage> batch = new ArrayList<>(batchSize);
                        for (long i = b * batchSize; i < Math.min(orders, (b + 1) * batchSize); i++) {
                            byte[] payload = OrderJson.write(generator.order(i));
                            batch.add(new PendingMessage("load:" + seed + ":" + i, payload, decoder.decode(payload)));
                        }
                        handOver(queue, batch, failure);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        try (Database database = Database.pool(url, user, null, "load", null)) {
            database.migrate();
            var writer = new OrderWriter(database.dataSource());
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                threads.add(Thread.ofPlatform().name("load-writer-" + w).start(() -> {
                    try {
                        List<PendingMessage> next;
                        while ((next = queue.take()) != END && failure.get() == null) {
                            BatchOutcome outcome = writer.write(next);
                            long before = stored.getAndAdd(outcome.stored().size());
                            if ((before + outcome.stored().size()) / 1_000_000 > before / 1_000_000) {
                                System.out.printf(Locale.ROOT, "stored %d orders in %d s%n",
                                        before + outcome.stored().size(), (System.nanoTime() - start) / 1_000_000_000L);
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (Thread decoder : decoders) {
                decoder.join();
            }
            for (int w = 0; w < writers; w++) {
                handOver(queue, END, failure);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            long nanos = System.nanoTime() - start;
            if (failure.get() != null) {
                throw failure.get();
            }
            System.out.printf(Locale.ROOT, "load_orders %d%n", stored.get());
            System.out.printf(Locale.ROOT, "load_orders_per_s %d%n", stored.get() * 1_000_000_000L / nanos);
            System.out.printf(Locale.ROOT, "load_seconds %d%n", nanos / 1_000_000_000L);
        }
    }

    /** Waits for room in the queue, unless a writer has failed (then nobody would make room). */
    private static void handOver(BlockingQueue<List<PendingMessage>> queue, List<PendingMessage> batch,
            AtomicReference<Exception> failure) throws InterruptedException {
        while (!queue.offer(batch, 1, TimeUnit.SECONDS)) {
            if (failure.get() != null) {
                return;
            }
        }
    }
}
