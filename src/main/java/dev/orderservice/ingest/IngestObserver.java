package dev.orderservice.ingest;

import dev.orderservice.store.BatchOutcome;

/**
 * Told what ingest does; metrics and the live feed listen here. Called on ingest's threads, so an
 * observer must not block.
 */
public interface IngestObserver {

    /**
     * A batch committed: a whole one, or a single message when a failed batch is written one by one.
     *
     * @param messages    how many messages the committed batch held
     * @param commitNanos how long writing and committing it took
     */
    void committed(BatchOutcome outcome, int messages, long commitNanos);

    /** A batch failed to commit; its messages are retried. */
    default void storeFailed(Exception cause) {
    }

    /** This many messages of a batch had been delivered before. */
    default void redelivered(int messages) {
    }
}
