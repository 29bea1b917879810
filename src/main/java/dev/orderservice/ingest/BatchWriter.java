package dev.orderservice.ingest;

import dev.orderservice.store.BatchOutcome;
import dev.orderservice.store.PendingMessage;
import java.sql.SQLException;
import java.util.List;

/** Where ingest writes its batches: {@code OrderWriter::write} in the service. */
@FunctionalInterface
public interface BatchWriter {

    /**
     * Writes the batch in one transaction and commits.
     *
     * @throws SQLException when the transaction fails; nothing of the batch is then stored
     */
    BatchOutcome write(List<PendingMessage> batch) throws SQLException;
}
