package dev.orderservice.ops;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.orderservice.ingest.IngestLoop;
import dev.orderservice.ingest.MessageKeys;
import dev.orderservice.json.Json;
import io.nats.client.ConsumeOptions;
import io.nats.client.Connection;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.OrderedConsumerConfiguration;
import io.nats.client.api.StreamState;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Finds and deletes an order's messages in the stream. The stream has no index by order id, so
 * {@link #scan} reads it once from its first message to its last (an ordered consumer, which the
 * broker forgets afterwards, bounded in bytes like ingest's) and keeps the sequences of the
 * messages whose top-level {@code order_uid} is one of the ids; the caller adds the sequences of
 * the order's rejected messages, whose keys name them. {@link #delete} removes each by sequence,
 * overwriting its data ({@code erase}), and counts a message already gone as done.
 */
final class StreamEraser {

    /** JetStream API error code: no message at that sequence (already deleted). */
    static final int NO_MESSAGE_FOUND = 10037;
    private static final Duration QUIET_END = Duration.ofSeconds(2);

    private StreamEraser() {
    }

    /**
     * @param sequences   stream sequence to order id
     * @param messageKeys the same messages' keys (as rejections are keyed) to order id
     */
    record Found(Map<Long, String> sequences, Map<String, String> messageKeys) {
    }

    /**
     * @throws IOException           when the broker cannot be reached
     * @throws JetStreamApiException when the broker refuses (no such stream, say)
     */
    static Found scan(Connection connection, String stream, String subject, Set<String> orderUids)
            throws IOException, JetStreamApiException, InterruptedException {
        Map<Long, String> sequences = new HashMap<>();
        Map<String, String> keys = new HashMap<>();
        StreamState state = connection.jetStreamManagement().getStreamInfo(stream).getStreamState();
        if (state.getMsgCount() == 0) {
            return new Found(sequences, keys);
        }
        var ordered = connection.getStreamContext(stream)
                .createOrderedConsumer(new OrderedConsumerConfiguration().filterSubject(subject));
        ConsumeOptions bounded = ConsumeOptions.builder().batchBytes(IngestLoop.BATCH_MAX_BYTES).batchSize(1000).build();
        try (IterableConsumer messages = ordered.iterate(bounded)) {
            Message message;
            while ((message = messages.nextMessage(QUIET_END)) != null) {
                long sequence = message.metaData().streamSequence();
                String orderUid = orderUid(message.getData());
                if (orderUid != null && orderUids.contains(orderUid)) {
                    sequences.put(sequence, orderUid);
                    keys.put(MessageKeys.of(message), orderUid);
                }
                if (sequence >= state.getLastSequence()) {
                    break;
                }
            }
            messages.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new IOException("reading stream " + stream + " failed: " + e.getMessage(), e);
        }
        return new Found(sequences, keys);
    }

    /**
     * Deletes these messages; one already gone counts as done.
     *
     * @return how many were deleted now
     * @throws IOException           when the broker cannot be reached
     * @throws JetStreamApiException when the broker refuses otherwise
     */
    static int delete(JetStreamManagement jsm, String stream, Collection<Long> sequences)
            throws IOException, JetStreamApiException {
        int deleted = 0;
        for (long sequence : sequences) {
            try {
                if (jsm.deleteMessage(stream, sequence, true)) {
                    deleted++;
                }
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != NO_MESSAGE_FOUND) {
                    throw e;
                }
            }
        }
        return deleted;
    }

    /** The top-level order_uid of a payload, as far as it parses; null when there is none. */
    static String orderUid(byte[] payload) {
        try (JsonParser parser = Json.mapper().getFactory().createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("order_uid")) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
