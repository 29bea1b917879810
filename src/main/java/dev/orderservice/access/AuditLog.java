package dev.orderservice.access;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orderservice.config.Redaction;
import dev.orderservice.json.Json;
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

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(String time, String who, String via, String route, String orderId, String query, String from,
            String result) {
    }

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
        Line line = new Line(Instant.now().toString(), who == null ? null : who.name(), who == null ? null : who.kind(),
                route, orderId, Redaction.query(query, QUERY_PARAMETERS), from, result);
        try {
            AUDIT.info(Json.mapper().writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit line is a record of strings", e);
        }
    }
}
