package dev.orderservice.http;

import dev.orderservice.store.Listings;
import dev.orderservice.store.Page;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /api/rejected}: rejected messages, newest first, each with its reason and a safe
 * preview, filtered by reason and by when they were received.
 */
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
        SearchQuery.Parsed<Listings.RejectedFilter> query = SearchQuery.rejected(Request.extractQueryParameters(req));
        if (query.refusal() != null) {
            Problems.badParameter(res, callback, query.refusal().parameter(), query.refusal().detail());
            return;
        }
        Page<Listings.RejectedMessage> page;
        try {
            page = listings.rejected(query.filter(), query.paging().before(), query.paging().limit());
        } catch (SQLException e) {
            Problems.unavailable(res, callback, "the rejected-message store is unavailable; try again shortly");
            return;
        }
        HttpApi.sendJson(res, callback, HttpApi.page(new Page<>(page.items().stream().map(RejectedRoutes::view).toList(),
                page.next())));
    }

    /** {@code GET /api/rejected/reasons}: every reason code a rejected search may filter by. */
    static void reasons(Request req, Response res, Callback callback) {
        HttpApi.sendJson(res, callback, Map.of("reasons", SearchQuery.reasons()));
    }

    static RejectedView view(Listings.RejectedMessage m) {
        HeadText head = HeadText.of(m.payloadHead(), m.payloadBytes() > m.payloadHead().length);
        String preview = printable(head.text());
        boolean truncated = preview.length() > PREVIEW_CHARS || m.payloadBytes() > m.payloadHead().length;
        if (preview.length() > PREVIEW_CHARS) {
            // never half a character: a pair cut at the cap would leave an unpaired surrogate
            boolean pairAtCap = Character.isHighSurrogate(preview.charAt(PREVIEW_CHARS - 1));
            preview = preview.substring(0, pairAtCap ? PREVIEW_CHARS - 1 : PREVIEW_CHARS);
        }
        return new RejectedView(m.id(), m.reason(), m.detail(), m.orderUid(), m.payloadBytes(), preview, truncated,
                head.utf8(), m.receivedAt());
    }

    /** The stored head as text, and whether it is well-formed UTF-8. */
    private record HeadText(String text, boolean utf8) {

        /**
         * When the payload goes on past its head, the head's last character may have been cut in
         * two by the store, not by the sender: a cut that is the start of a well-formed sequence is
         * left out rather than counted as ill-formed. Ill-formed heads are shown with U+FFFD.
         */
        static HeadText of(byte[] head, boolean payloadGoesOn) {
            CharBuffer text = CharBuffer.allocate(head.length);
            CoderResult result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head), text, !payloadGoesOn);
            if (result.isError()) {
                return new HeadText(new String(head, StandardCharsets.UTF_8), false);
            }
            return new HeadText(text.flip().toString(), true);
        }
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
}
