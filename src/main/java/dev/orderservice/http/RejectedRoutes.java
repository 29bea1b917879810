package dev.orderservice.http;

import dev.orderservice.store.Listings;
import dev.orderservice.store.Page;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /api/rejected}: rejected messages, newest first, each with its reason and a safe preview. */
final class RejectedRoutes {

    static final int PREVIEW_CHARS = 512;

    private final Listings listings;

    RejectedRoutes(Listings listings) {
        this.listings = listings;
    }

    /** What the API shows of a rejected message: the payload only as printable, capped text. */
    record RejectedView(long id, String reason, String detail, String orderUid, int payloadBytes, String preview,
            boolean previewTruncated, boolean payloadIsUtf8, Instant receivedAt) {
    }

    void list(Request req, Response res, Callback callback) {
        Optional<Cursors.Paging> paging = Cursors.of(req);
        if (paging.isEmpty()) {
            Problems.badRequest(res, callback, Cursors.describe());
            return;
        }
        Page<Listings.RejectedMessage> page;
        try {
            page = listings.rejected(paging.get().before(), paging.get().limit());
        } catch (SQLException e) {
            Problems.unavailable(res, callback, "the rejected-message store is unavailable; try again shortly");
            return;
        }
        HttpApi.sendJson(res, callback, HttpApi.page(new Page<>(page.items().stream().map(RejectedRoutes::view).toList(),
                page.next())));
    }

    static RejectedView view(Listings.RejectedMessage m) {
        boolean utf8 = isUtf8(m.payloadHead());
        String text = new String(m.payloadHead(), StandardCharsets.UTF_8);
        String preview = printable(text);
        boolean truncated = preview.length() > PREVIEW_CHARS || m.payloadBytes() > m.payloadHead().length;
        if (preview.length() > PREVIEW_CHARS) {
            // never half a character: a pair cut at the cap would leave an unpaired surrogate
            boolean pairAtCap = Character.isHighSurrogate(preview.charAt(PREVIEW_CHARS - 1));
            preview = preview.substring(0, pairAtCap ? PREVIEW_CHARS - 1 : PREVIEW_CHARS);
        }
        return new RejectedView(m.id(), m.reason(), m.detail(), m.orderUid(), m.payloadBytes(), preview, truncated,
                utf8, m.receivedAt());
    }

    /** Control characters become the replacement character, so a preview is always one line of text. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), PREVIEW_CHARS + 1));
        for (int i = 0; i < text.length() && out.length() <= PREVIEW_CHARS; i++) {
            char c = text.charAt(i);
            boolean unpaired = Character.isHighSurrogate(c)
                    ? !(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
                    : Character.isLowSurrogate(c) && !(i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
            out.append(Character.isISOControl(c) || unpaired ? '\uFFFD' : c);
        }
        return out.toString();
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
