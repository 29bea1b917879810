package dev.orderservice.ingest;

import dev.orderservice.store.BatchOutcome;
import dev.orderservice.store.PendingMessage;
import dev.orderservice.validation.Verdict;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link BatchWriter} in memory whose failures the test scripts: the next writes can be made to
 * fail (or, scripted empty, to go through), and a batch holding an unstorable order's message fails
 * for its data, as a value PostgreSQL refuses would. Otherwise an order is stored the first time
 * and a duplicate after; rejections are kept. Each write takes at least a millisecond.
 */
final class ScriptedWriter implements BatchWriter {

    static final String DATA_ERROR = "22003";
    static final String CONNECTION_ERROR = "08006";

    private final Set<String> storedUids = new HashSet<>();
    private final Set<String> unstorableKeys = new HashSet<>();
    private final Deque<Optional<SQLException>> script = new ArrayDeque<>();
    private final List<List<PendingMessage>> attempts = new ArrayList<>();
    private final List<PendingMessage> rejections = new ArrayList<>();

    /** The next writes fail with these, in order; an empty one goes through. */
    ScriptedWriter then(Optional<SQLException> outcome) {
        script.add(outcome);
        return this;
    }

    ScriptedWriter thenDown() {
        return then(Optional.of(new SQLException("connection refused", CONNECTION_ERROR)));
    }

    ScriptedWriter thenUp() {
        return then(Optional.empty());
    }

    /** Any batch holding this message fails for its data, unless the message is written as rejected. */
    ScriptedWriter unstorable(String messageKey) {
        unstorableKeys.add(messageKey);
        return this;
    }

    @Override
    public BatchOutcome write(List<PendingMessage> batch) throws SQLException {
        attempts.add(List.copyOf(batch));
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Optional<SQLException> scripted = script.poll();
        if (scripted != null && scripted.isPresent()) {
            throw scripted.get();
        }
        for (PendingMessage message : batch) {
            if (message.verdict() instanceof Verdict.Accepted && unstorableKeys.contains(message.messageKey())) {
                throw new SQLException("value out of range in " + message.messageKey(), DATA_ERROR);
            }
        }
        List<Verdict.Accepted> stored = new ArrayList<>();
        List<PendingMessage> rejected = new ArrayList<>();
        for (PendingMessage message : batch) {
            switch (message.verdict()) {
                case Verdict.Rejected ignored -> rejected.add(message);
                case Verdict.Accepted accepted -> {
                    if (storedUids.add(accepted.orderUid())) {
                        stored.add(accepted);
                    }
                }
            }
        }
        rejections.addAll(rejected);
        return BatchOutcome.of(batch, stored, rejected);
    }

    /** Every batch it was asked to write, failed ones included, as message keys. */
    List<List<String>> attempts() {
        return attempts.stream().map(b -> b.stream().map(PendingMessage::messageKey).toList()).toList();
    }

    /** Every rejection it committed. */
    List<PendingMessage> rejections() {
        return List.copyOf(rejections);
    }
}
