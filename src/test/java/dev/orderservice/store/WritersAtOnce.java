package dev.orderservice.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Two batches written by two writers released at the same moment, as ingest's writer threads may. */
final class WritersAtOnce {

    /** The outcomes of the two batches, in the order given. */
    record Outcomes(BatchOutcome first, BatchOutcome second) {
    }

    private WritersAtOnce() {
    }

    static Outcomes write(OrderWriter a, List<PendingMessage> first, OrderWriter b, List<PendingMessage> second) {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            var left = CompletableFuture.supplyAsync(() -> write(a, first, start), threads);
            var right = CompletableFuture.supplyAsync(() -> write(b, second, start), threads);
            return new Outcomes(left.join(), right.join());
        } finally {
            threads.shutdownNow();
        }
    }

    private static BatchOutcome write(OrderWriter writer, List<PendingMessage> batch, CyclicBarrier start) {
        try {
            start.await();
            return writer.write(batch);
        } catch (Exception e) {
            throw new IllegalStateException("the batch failed: " + e.getMessage(), e);
        }
    }
}
