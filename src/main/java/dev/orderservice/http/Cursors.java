package dev.orderservice.http;

import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/** Query parameters of the paged listings: {@code limit} and the opaque {@code before} cursor. */
final class Cursors {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final int MAX_CURSOR_CHARS = 19;

    private Cursors() {
    }

    record Paging(int limit, Long before) {
    }

    /** The paging asked for, or empty when a parameter is malformed (the caller answers 400). */
    static Optional<Paging> of(ServerRequest req) {
        var query = req.query();
        int limit = DEFAULT_LIMIT;
        Long before = null;
        try {
            if (query.contains("limit")) {
                limit = Integer.parseInt(query.get("limit"));
            }
            if (query.contains("before")) {
                String cursor = query.get("before");
                if (cursor.length() > MAX_CURSOR_CHARS) {
                    return Optional.empty();
                }
                before = Long.parseLong(cursor);
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (limit < 1 || limit > MAX_LIMIT || (before != null && before < 1)) {
            return Optional.empty();
        }
        return Optional.of(new Paging(limit, before));
    }

    static String describe() {
        return "limit must be 1 to " + MAX_LIMIT + " and before a cursor from a previous page's next";
    }
}
