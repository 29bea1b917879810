package dev.orderservice.ingest;

import dev.orderservice.store.BatchOutcome;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several observers as one, told in order. Each must not block (see {@link IngestObserver}), so
 * neither does the whole; one observer's failure is not allowed to keep the next from hearing.
 */
public final class IngestObservers implements IngestObserver {

    private static final Logger LOG = LoggerFactory.getLogger(IngestObservers.class);
    private final List<IngestObserver> observers;

    private IngestObservers(List<IngestObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    public static IngestObserver all(IngestObserver... observers) {
        return new IngestObservers(List.of(observers));
    }

    @Override
    public void committed(BatchOutcome outcome, int messages, long commitNanos) {
        for (IngestObserver observer : observers) {
            tell(() -> observer.committed(outcome, messages, commitNanos), observer);
        }
    }

    @Override
    public void storeFailed(Exception cause) {
        for (IngestObserver observer : observers) {
            tell(() -> observer.storeFailed(cause), observer);
        }
    }

    @Override
    public void redelivered(int messages) {
        for (IngestObserver observer : observers) {
            tell(() -> observer.redelivered(messages), observer);
        }
    }

    private static void tell(Runnable call, IngestObserver observer) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("ingest observer {} failed: {}", observer.getClass().getSimpleName(), e.toString());
        }
    }
}
