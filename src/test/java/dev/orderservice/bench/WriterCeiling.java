package dev.orderservice.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.orderservice.model.OrderJson;
import dev.orderservice.publish.OrderGenerator;
import dev.orderservice.store.BatchOutcome;
import dev.orderservice.store.Database;
import dev.orderservice.store.OrderReader;
import dev.orderservice.store.OrderWriter;
import dev.orderservice.store.PendingMessage;
import dev.orderservice.store.ReadThroughs;
import dev.orderservice.store.StoredIds;
import dev.orderservice.store.StoredIdsLoader;
import dev.orderservice.validation.MessageDecoder;
import dev.orderservice.validation.Verdict;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ingest ceiling that PostgreSQL sets on this machine: the real {@link OrderWriter} storing
 * already-decoded batches of generated orders, on as many connections as the service's writers,
 * with no broker and no decoding in the timed part, and with an id filter kept as serve keeps it.
 * bench/run measures PostgreSQL's CPU around it; this prints the rate as {@code key value} lines
 * for the report.
 *
 * <p>Usage: {@code WriterCeiling JDBC_URL USER ORDERS WRITERS BATCH [COPY|UNNEST]}: how rows reach
 * PostgreSQL ({@link OrderWriter.Rows}), COPY as the service writes them unless told.
 */
public final class WriterCeiling {

    private WriterCeiling() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        int orders = Integer.parseInt(args[2]);
        int writers = Integer.parseInt(args[3]);
        int batchSize = Integer.parseInt(args[4]);
        OrderWriter.Rows rows = args.length > 5 ? OrderWriter.Rows.valueOf(args[5]) : OrderWriter.Rows.COPY;

        var queue = new ConcurrentLinkedQueue<List<PendingMessage>>();
        var decoder = new MessageDecoder(1 << 20);
        // a seed of its own, so these ids never meet the ones the publisher sent in the same run
        var generator = new OrderGenerator(4242);
        List<PendingMessage> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < orders; i++) {
            byte[] payload = OrderJson.write(generator.order(i));
            Verdict verdict = decoder.decode(payload);
            batch.add(new PendingMessage("ceiling:" + i, payload, verdict));
            if (batch.size() == batchSize || i == orders - 1) {
                queue.add(batch);
                batch = new ArrayList<>(batchSize);
            }
        }

        try (Database database = Database.pool(url, user, null, "ceiling", null)) {
            database.migrate();
            // an id filter filled from the store as serve's is, and kept up by each commit as there
            StoredIds storedIds = new StoredIds();
            var loader = new StoredIdsLoader(new OrderReader(database.dataSource(), storedIds,
                    ReadThroughs.unbounded()), storedIds);
            Thread filler = Thread.ofPlatform().name("id-filter").daemon().start(loader);
            while (!storedIds.complete()) {
                Thread.sleep(20);
            }
            loader.stop();
            filler.interrupt();
            var writer = new OrderWriter(database.dataSource(), rows, storedIds);
            var stored = new AtomicLong();
            var failure = new AtomicReference<Exception>();
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                threads.add(Thread.ofPlatform().name("ceiling-writer-" + w).start(() -> {
                    List<PendingMessage> next;
                    while ((next = queue.poll()) != null && failure.get() == null) {
                        try {
                            BatchOutcome outcome = writer.write(next);
                            outcome.stored().forEach(order -> storedIds.add(order.orderUid()));
                            stored.addAndGet(outcome.stored().size());
                        } catch (Exception e) {
                            failure.set(e);
                        }
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            long nanos = System.nanoTime() - start;
            long cpuNanos = processCpuNanos() - cpuStart;
            if (failure.get() != null) {
                throw failure.get();
            }
            if (stored.get() != orders) {
                throw new IllegalStateException("stored " + stored.get() + " of " + orders + " orders");
            }
            System.out.printf(Locale.ROOT, "pg_alone_orders %d%n", orders);
            System.out.printf(Locale.ROOT, "pg_alone_orders_per_s %d%n", orders * 1_000_000_000L / nanos);
            System.out.printf(Locale.ROOT, "pg_alone_millis %d%n", nanos / 1_000_000);
            // the writer's own side (encoding, the driver, the pool) for the same orders
            System.out.printf(Locale.ROOT, "pg_alone_client_us_per_order %d%n", cpuNanos / 1000 / orders);
        }
    }

    /** This JVM's CPU time so far, every thread, JIT and GC included. */
    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
