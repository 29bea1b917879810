package dev.orderservice.store;

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

    void insert(Connection connection, List<PendingMessage> rejections) throws SQLException {
        if (rejections.isEmpty()) {
            return;
        }
        var columns = new Columns(rejections.size());
        for (PendingMessage message : rejections) {
            Verdict.Rejected rejected = (Verdict.Rejected) message.verdict();
            byte[] payload = message.payload() == null ? new byte[0] : message.payload();
            columns.text(0, message.messageKey())
                    .text(1, rejected.reason().code())
                    .text(2, cap(rejected.detail()))
                    .text(3, rejected.orderUid())
                    .number(4, payload.length)
                    .bytes(5, Arrays.copyOf(payload, Math.min(payload.length, PAYLOAD_HEAD_BYTES)))
                    .bytes(6, keepsWhole(rejected, payload) ? payload : null)
                    .next();
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                insert into rejected_messages (message_key, reason, detail, order_uid, payload_bytes, payload_head,
                    payload_full)
                select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int8[], ?::bytea[], ?::bytea[])
                on conflict (message_key) do nothing""")) {
            columns.bind(connection, statement, "text", "text", "text", "text", "int8", "bytea", "bytea");
            statement.executeUpdate();
        }
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
