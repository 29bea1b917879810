package dev.orderservice.access;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.orderservice.config.Redaction;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of who read personal data: one JSON object per line on the logger {@code audit},
 * which {@code logback.xml} writes as the bare line in text format (wrapped like any line in json
 * format), buffered on the caller's thread (the selector thread of a cache hit) and written out
 * every fraction of a second ({@code logging.BufferedStderrAppender}).
 *
 * <p>A line has the time, who (token name or JWT {@code sub}), how they authenticated, what (the
 * route template and the order id, or the query), from where (the client address as the server
 * sees it) and the result: {@code granted}, or why not. Written when the decision is made, so a
 * live feed is recorded when it opens. Never a credential: the principal holds none, and query
 * parameters other than the API's own are redacted.
 */
public final class AuditLog {

    private static final Logger AUDIT = LoggerFactory.getLogger("audit");
    /** The API's own query parameters; anything else in a query is shown only as redacted. */
    private static final Set<String> QUERY_PARAMETERS = Set.of("limit", "before", "track_number", "customer_id",
            "phone", "email", "from", "to");

    /** A line is built by hand, each value quoted by Jackson's encoder: it is written on the hot path. */
    private static final int LINE_CHARS = 256;

    private AuditLog() {
    }

    /**
     * Writes out the lines still buffered; called last when the service stops, since the JVM
     * does not wait for the appender's flushing thread.
     */
    public static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(AUDIT.getName()).iteratorForAppenders().forEachRemaining(Appender::stop);
        }
    }

    /**
     * Records one read, or one refused attempt.
     *
     * @param who     the principal, or null when the request had no valid credentials
     * @param route   the route's template, e.g. {@code /api/orders/{id}}
     * @param orderId the order asked for, or null for a list
     * @param query   the raw query string, or null
     * @param from    the client's address
     * @param result  {@code granted}, {@code missing_credentials}, {@code invalid_token}, ...
     */
    public static void read(Principal who, String route, String orderId, String query, String from, String result) {
        if (!AUDIT.isInfoEnabled()) {
            return;
        }
        StringBuilder line = new StringBuilder(LINE_CHARS).append('{');
        field(line, "time", Instant.now().toString());
        if (who != null) {
            field(line.append(','), "who", who.name());
            field(line.append(','), "via", who.kind());
        }
        field(line.append(','), "route", route);
        if (orderId != null) {
            field(line.append(','), "order_id", orderId);
        }
        if (query != null && !query.isEmpty()) {
            field(line.append(','), "query", Redaction.query(query, QUERY_PARAMETERS));
        }
        field(line.append(','), "from", from);
        field(line.append(','), "result", result);
        AUDIT.info(line.append('}').toString());
    }

    private static void field(StringBuilder line, String name, String value) {
        line.append('"').append(name).append("\":");
        if (value == null) {
            line.append("null");
        } else {
            line.append('"').append(JsonStringEncoder.getInstance().quoteAsString(value)).append('"');
        }
    }
}
