package dev.orderservice.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orderservice.model.OrderJson;
import io.helidon.http.Status;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/events}: Server-Sent Events with the orders stored since the browser connected.
 *
 * <p>Events: {@code orders} with {@code {"items":[summaries, newest first], "skipped":n}}, and
 * {@code refetch} when this browser fell too far behind and should reload its list. Events are
 * coalesced: at most one per {@link #MIN_EVENT_INTERVAL}, so a burst of ingest costs a browser a
 * handful of small messages, not one per order. Comments keep idle connections (and proxies) alive.
 */
final class LiveRoutes implements HttpService {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRoutes.class);
    static final Duration MIN_EVENT_INTERVAL = Duration.ofMillis(250);
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
    static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);
    /** Summaries in one event; a browser shows only the newest ones anyway. */
    static final int MAX_ITEMS_PER_EVENT = 50;
    private static final Duration POLL = Duration.ofSeconds(1);

    private final LiveFeed feed;

    LiveRoutes(LiveFeed feed) {
        this.feed = feed;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::stream);
    }

    private void stream(ServerRequest req, ServerResponse res) {
        LiveSubscriber subscriber = feed.subscribe();
        if (subscriber == null) {
            Problems.send(res, Status.SERVICE_UNAVAILABLE_503, "live-feed-full",
                    "too many browsers are watching live; try again later");
            return;
        }
        res.header(HttpApi.NO_STORE);
        try (SseSink sink = res.sink(SseSink.TYPE)) {
            sink.emit(SseEvent.builder().reconnectDelay(RECONNECT_DELAY).comment("connected").build());
            long lastSent = System.nanoTime();
            while (!feed.isClosed()) {
                LiveSubscriber.Batch batch = subscriber.next(POLL, MAX_ITEMS_PER_EVENT);
                if (batch == null) {
                    if (System.nanoTime() - lastSent >= HEARTBEAT_INTERVAL.toNanos()) {
                        sink.emit(SseEvent.builder().comment("keep-alive").build());
                        lastSent = System.nanoTime();
                    }
                    continue;
                }
                if (feed.isClosed()) {
                    break;
                }
                sink.emit(event(batch));
                lastSent = System.nanoTime();
                Thread.sleep(MIN_EVENT_INTERVAL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The usual end of a stream: the browser closed the tab or the network went away.
            LOG.debug("live stream ended: {}", e.toString());
        } finally {
            feed.unsubscribe(subscriber);
        }
    }

    private static SseEvent event(LiveSubscriber.Batch batch) {
        if (batch.refetch()) {
            return SseEvent.builder().name("refetch").data("{}").build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", batch.newestFirst());
        body.put("skipped", batch.skipped());
        try {
            return SseEvent.builder().name("orders").data(OrderJson.mapper().writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summaries are plain records", e);
        }
    }
}
