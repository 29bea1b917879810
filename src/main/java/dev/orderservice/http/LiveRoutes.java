package dev.orderservice.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orderservice.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/events}: Server-Sent Events with the orders stored since the browser connected.
 *
 * <p>Events: {@code orders} with {@code {"items":[summaries, newest first], "skipped":n}}, and
 * {@code refetch} when this browser fell too far behind and should reload its list. Events are
 * coalesced: at most one per {@link #MIN_EVENT_INTERVAL}, so a burst of ingest costs a browser a
 * handful of small messages, not one per order. Comments keep idle connections (and proxies) alive.
 *
 * <p>Each stream runs on its own virtual thread and writes with blocking writes: a slow browser
 * holds only its own thread, and ingest only ever offers to its bounded queue ({@link LiveFeed}).
 * A HEAD request gets the stream's headers and no stream. One client (its address, see
 * {@link Admission}) may hold a few streams at once; past that a 429 problem, past the feed's
 * total a 503.
 */
final class LiveRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRoutes.class);
    static final Duration MIN_EVENT_INTERVAL = Duration.ofMillis(250);
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
    static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);
    /** Summaries in one event; a browser shows only the newest ones anyway. */
    static final int MAX_ITEMS_PER_EVENT = 50;
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final HttpField EVENT_STREAM = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "text/event-stream");
    private static final HttpField NO_CACHE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-cache");

    private final LiveFeed feed;

    LiveRoutes(LiveFeed feed) {
        this.feed = feed;
    }

    void stream(Request req, Response res, Callback callback) {
        if (HttpMethod.HEAD.is(req.getMethod())) {
            res.getHeaders().put(EVENT_STREAM);
            res.getHeaders().put(NO_CACHE);
            callback.succeeded();
            return;
        }
        LiveFeed.Subscription subscription = feed.subscribe(feed.admission().client(req));
        if (subscription.refusal() != null) {
            feed.admission().refuseLive(subscription.refusal(), res, callback);
            return;
        }
        LiveSubscriber subscriber = subscription.subscriber();
        res.getHeaders().put(EVENT_STREAM);
        res.getHeaders().put(NO_CACHE);
        try {
            emit(res, "retry: " + RECONNECT_DELAY.toMillis() + "\n:connected\n\n");
            long lastSent = System.nanoTime();
            while (!feed.isClosed()) {
                LiveSubscriber.Batch batch = subscriber.next(POLL, MAX_ITEMS_PER_EVENT);
                if (batch == null) {
                    if (System.nanoTime() - lastSent >= HEARTBEAT_INTERVAL.toNanos()) {
                        emit(res, ":keep-alive\n\n");
                        lastSent = System.nanoTime();
                    }
                    continue;
                }
                if (feed.isClosed()) {
                    break;
                }
                emit(res, event(batch));
                lastSent = System.nanoTime();
                Thread.sleep(MIN_EVENT_INTERVAL);
            }
            callback.succeeded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        } catch (IOException e) {
            // The usual end of a stream: the browser closed the tab or the network went away.
            LOG.debug("live stream ended: {}", e.toString());
            callback.failed(e);
        } finally {
            feed.unsubscribe(subscriber);
        }
    }

    /** One blocking write, flushed: this thread is the stream's own. */
    private static void emit(Response res, String text) throws IOException {
        Content.Sink.write(res, false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String event(LiveSubscriber.Batch batch) {
        if (batch.refetch()) {
            return "event: refetch\ndata: {}\n\n";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", batch.newestFirst());
        body.put("skipped", batch.skipped());
        try {
            return "event: orders\ndata: " + Json.mapper().writeValueAsString(body) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summaries are plain records", e);
        }
    }
}
