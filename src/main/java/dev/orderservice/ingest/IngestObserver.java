package dev.orderservice.ingest;

import dev.orderservice.store.BatchOutcome;

/** Told what each batch did; metrics and the live feed listen here. Must not block. */
public interface IngestObserver {

    void committed(BatchOutcome outcome, int messages, long commitNanos);

    void storeFailed(Exception cause);

    void redelivered(int messages);

    IngestObserver NONE = new IngestObserver() {
        @Override
        public void committed(BatchOutcome outcome, int messages, long commitNanos) {
        }

        @Override
        public void storeFailed(Exception cause) {
        }

        @Override
        public void redelivered(int messages) {
        }
    };
}
