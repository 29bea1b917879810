package dev.orderservice.store;

import static dev.orderservice.store.Columns.bytes;
import static dev.orderservice.store.Columns.integer;
import static dev.orderservice.store.Columns.text;

import dev.orderservice.validation.RejectReason;
import dev.orderservice.validation.Verdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** Inserts rejections, at most once per message key, inside the caller's transaction. */
final class RejectedRows {

    /** Enough of a payload to see what was sent; the rest of a hostile message is not kept. */
    static final int PAYLOAD_HEAD_BYTES = 4096;
    static final int DETAIL_MAX_CHARS = 2000;
    private static final byte[] NO_PAYLOAD = new byte[0];

    private static final Columns<PendingMessage> REJECTED = new Columns<>("rejected_messages",
            text("message_key", PendingMessage::messageKey),
            text("reason", m -> rejected(m).reason().code()),
            text("detail", m -> cap(rejected(m).detail())),
            text("order_uid", m -> rejected(m).orderUid()),
            integer("payload_bytes", m -> payload(m).length),
            bytes("payload_head", m -> Arrays.copyOf(payload(m), Math.min(payload(m).length, PAYLOAD_HEAD_BYTES))),
            bytes("payload_full", m -> keepsWhole(rejected(m), payload(m)) ? payload(m) : null));

    private static final String INSERT = REJECTED.insert() + "\non conflict (message_key) do nothing";

    /** @return how many were inserted: a rejection already stored (a redelivery) is not again */
    int insert(Connection connection, List<PendingMessage> rejections) throws SQLException {
        if (rejections.isEmpty()) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            REJECTED.bind(connection, statement, rejections);
            return statement.executeUpdate();
        }
    }

    private static Verdict.Rejected rejected(PendingMessage message) {
        return (Verdict.Rejected) message.verdict();
    }

    private static byte[] payload(PendingMessage message) {
        return message.payload() == null ? NO_PAYLOAD : message.payload();
    }

    /**
     * The whole payload is kept, for replay-rejected, when the head does not hold it all and the
     * message passed the size limit: every reason but too_large implies that, so what is kept is
     * bounded by ORDERS_MAX_MESSAGE_BYTES.
     */
    private static boolean keepsWhole(Verdict.Rejected rejected, byte[] payload) {
        return payload.length > PAYLOAD_HEAD_BYTES && rejected.reason() != RejectReason.TOO_LARGE;
    }

    /** Details are our own sentences, but may quote hostile input: keep them short and storable. */
    private static String cap(String detail) {
        String storable = detail.replace('\u0000', '?');
        return storable.length() > DETAIL_MAX_CHARS ? storable.substring(0, DETAIL_MAX_CHARS) + "..." : storable;
    }
}
