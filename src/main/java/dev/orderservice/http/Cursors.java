package dev.orderservice.http;

import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

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
    static Optional<Paging> of(Request req) {
        return of(Request.extractQueryParameters(req));
    }

    /** As {@link #of(Request)}, from the decoded query parameters. */
    static Optional<Paging> of(Fields query) {
        int limit = DEFAULT_LIMIT;
        Long before = null;
        try {
            if (query.get("limit") != null) {
                limit = Integer.parseInt(query.getValue("limit"));
            }
            if (query.get("before") != null) {
                String cursor = query.getValue("before");
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

    /** The paging parameter that makes {@link #of(Fields)} refuse the query: {@code limit} or {@code before}. */
    static String refused(Fields query) {
        Fields limitAlone = new Fields();
        if (query.get("limit") != null) {
            limitAlone.add("limit", query.getValue("limit"));
        }
        return of(limitAlone).isEmpty() ? "limit" : "before";
    }

    static String describe() {
        return "limit must be 1 to " + MAX_LIMIT + " and before a cursor from a previous page's next";
    }
}
