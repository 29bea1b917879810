package dev.orderservice.access;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.orderservice.config.Redaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of who read personal data: one JSON object per line on the logger {@code audit},
 * which {@code logback.xml} writes as the bare line in text format (wrapped like any line in json
 * format) through {@code logging.BufferedStderrAppender}.
 *
 * <p>A line has the time, who (token name or JWT {@code sub}), how they authenticated, what (the
 * route template and the order id, or the query), from where (the client address as the server
 * sees it) and the result: {@code granted}, or why not. A search by e-mail or phone records which
 * was used, never the value ({@link #MASKED_VALUES}). Recorded when the decision is made, so a
 * live feed is recorded when it opens. Never a credential: the principal holds none, and query
 * parameters other than the API's own are redacted.
 *
 * <p>A cache hit records its read on the selector thread, so {@link #read} only queues the
 * entry (time taken then); the "audit" thread formats and logs queued entries in order, every
 * {@link #DRAIN_INTERVAL}. Nothing is dropped: with {@link #MAX_QUEUED} waiting, the caller writes
 * its line itself. {@link #flush} writes out everything at stop; a crash loses the last fraction
 * of a second.
 */
public final class AuditLog {

    private static final Logger AUDIT = LoggerFactory.getLogger("audit");
    /** The API's own query parameters; anything else in a query is shown only as redacted. */
    private static final Set<String> QUERY_PARAMETERS = Set.of("limit", "before", "track_number", "customer_id",
            "phone", "email", "from", "to", "reason");
    /**
     * Searched-for contact data: the line records that a search was by e-mail or phone, not the
     * value. The audit log lives outside the store, where erase cannot reach it, so it must not be
     * where a customer's contact data outlives an erasure. Identifiers (order id, track number,
     * customer id) are recorded, as for a read by id: they say whose data was read.
     */
    private static final Set<String> MASKED_VALUES = Set.of("phone", "email");
    static final Duration DRAIN_INTERVAL = Duration.ofMillis(20);
    static final int MAX_QUEUED = 65_536;
    private static final int LINE_CHARS = 256;
    private static final ConcurrentLinkedQueue<Entry> QUEUE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger QUEUED = new AtomicInteger();

    static {
        Thread.ofPlatform().name("audit").daemon().start(AuditLog::drainForever);
    }

    private record Entry(Instant time, Principal who, String route, String orderId, String query, String from,
            String result) {
    }

    private AuditLog() {
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
        Entry entry = new Entry(Instant.now(), who, route, orderId, query, from, result);
        if (QUEUED.incrementAndGet() > MAX_QUEUED) {
            QUEUED.decrementAndGet();
            write(entry);
            return;
        }
        QUEUE.add(entry);
    }

    /** Writes out every queued line and the appenders' buffers; called last when the service stops. */
    public static void flush() {
        drain();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(AUDIT.getName()).iteratorForAppenders().forEachRemaining(Appender::stop);
        }
    }

    private static void drainForever() {
        while (true) {
            try {
                drain();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(AuditLog.class).error("cannot write the audit log", e);
            }
            LockSupport.parkNanos(DRAIN_INTERVAL.toNanos());
        }
    }

    /** One thread at a time (the audit thread, or the stopping one): lines keep their order. */
    private static synchronized void drain() {
        Entry entry;
        while ((entry = QUEUE.poll()) != null) {
            QUEUED.decrementAndGet();
            write(entry);
        }
    }

    private static void write(Entry e) {
        StringBuilder line = new StringBuilder(LINE_CHARS).append('{');
        field(line, "time", e.time().toString());
        if (e.who() != null) {
            field(line.append(','), "who", e.who().name());
            field(line.append(','), "via", e.who().kind());
        }
        field(line.append(','), "route", e.route());
        if (e.orderId() != null) {
            field(line.append(','), "order_id", e.orderId());
        }
        if (e.query() != null && !e.query().isEmpty()) {
            field(line.append(','), "query", Redaction.query(masked(e.query()), QUERY_PARAMETERS));
        }
        field(line.append(','), "from", e.from());
        field(line.append(','), "result", e.result());
        AUDIT.info(line.append('}').toString());
    }

    /** The query with the values of {@link #MASKED_VALUES} replaced by {@link Redaction#MASK}. */
    static String masked(String query) {
        StringBuilder out = new StringBuilder(query.length());
        for (String parameter : query.split("&", -1)) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            out.append(out.isEmpty() ? "" : "&").append(MASKED_VALUES.contains(name) ? name + "=" + Redaction.MASK
                    : parameter);
        }
        return out.toString();
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
