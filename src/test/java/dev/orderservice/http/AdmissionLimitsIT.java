package dev.orderservice.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.orderservice.testing.Await;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.Scrape;
import dev.orderservice.testing.ServiceProcess;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTTP admission of a real service: at most {@link #MAX_CONNECTIONS} open connections, {@link #RATE}
 * requests per second per client after a burst of {@link #BURST}, {@link #LIVE} live feeds per
 * client; 127.0.0.1 (this test's own probes) exempt. Clients are told apart by their address:
 * every 127.x.y.z is this machine on Linux.
 *
 * <p>The connection test runs first: a live feed's connection stays open on the server until its
 * next heartbeat finds it closed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdmissionLimitsIT {

    @RegisterExtension
    static final RealServices services = new RealServices();

    private static final int MAX_CONNECTIONS = 40;
    private static final int RATE = 1;
    private static final int BURST = 10;
    private static final int LIVE = 2;
    private static final int FLOOD = 30;
    private static ServiceProcess service;

    @BeforeAll
    static void start() throws Exception {
        service = ServiceProcess.external(services.postgres().newDatabase(), services.nats().url(), "admission",
                Map.of("ORDERS_HTTP_MAX_CONNECTIONS", String.valueOf(MAX_CONNECTIONS),
                        "ORDERS_HTTP_RATE_LIMIT", String.valueOf(RATE), "ORDERS_HTTP_RATE_BURST", String.valueOf(BURST),
                        "ORDERS_LIVE_PER_CLIENT", String.valueOf(LIVE), "ORDERS_HTTP_LIMIT_EXEMPT", "127.0.0.1"))
                .startAndAwaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    @Order(1)
    void aConnectionPastTheLimitWaitsUnansweredUntilAnotherCloses() throws Exception {
        // the JDK client keeps one connection of its own open, the one that reads the gauge
        Await.until(Duration.ofSeconds(40), () -> metrics().sum("orders_http_connections"), n -> n == 1,
                "only this test's own connection open");
        List<RawHttp> open = new ArrayList<>();
        try {
            for (int i = 1; i < MAX_CONNECTIONS; i++) {
                // each from an address of its own, so that none is over the rate
                RawHttp connection = new RawHttp("127.0.1." + i, service.httpPort());
                open.add(connection);
                assertThat(connection.get("/health/live", 10_000).status()).isEqualTo(200);
            }
            try (RawHttp oneTooMany = new RawHttp("127.0.0.2", service.httpPort())) {
                Throwable unanswered = catchThrowable(() -> oneTooMany.get("/health/live", 2000));
                assertThat(unanswered).as("the connection past the limit is not served").isInstanceOf(
                        SocketTimeoutException.class);
                open.remove(0).close();
                oneTooMany.timeout(10_000);
                assertThat(oneTooMany.line()).as("answered once another closed").startsWith("HTTP/1.1 200");
            }
        } finally {
            for (RawHttp connection : open) {
                connection.close();
            }
        }
        assertThat(metrics().sum("orders_http_connection_limit_reached_total")).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(2)
    void aClientOverItsRateGets429ProblemsWhileAnotherIsServed() throws Exception {
        double refusedBefore = metrics().sum("orders_http_refused_total", Map.of("reason", "rate_limit"));
        int ok = 0;
        List<RawHttp.Answer> refused = new ArrayList<>();
        List<RawHttp> flood = new ArrayList<>();
        try {
            // 30 requests at once from one client, one per connection: the burst passes, the rest waits for its 429
            for (int i = 0; i < FLOOD; i++) {
                flood.add(new RawHttp("127.0.0.3", service.httpPort()));
            }
            for (RawHttp connection : flood) {
                connection.send("/health/live");
            }
            for (RawHttp connection : flood) {
                RawHttp.Answer answer = connection.answer(10_000);
                if (answer.status() == 200) {
                    ok++;
                } else {
                    refused.add(answer);
                }
            }
        } finally {
            for (RawHttp connection : flood) {
                connection.close();
            }
        }
        assertThat(ok).as("the burst is served, and at most a request or two the rate let through meanwhile")
                .isBetween(BURST, BURST + 2);
        assertThat(refused).hasSize(FLOOD - ok);
        for (RawHttp.Answer answer : refused) {
            assertThat(answer.status()).isEqualTo(429);
            assertThat(answer.headers()).containsEntry("retry-after", "1")
                    .containsEntry("content-type", "application/problem+json");
            assertThat(answer.body()).contains("\"status\":429").contains("rate-limited").doesNotContain("Exception");
        }
        try (RawHttp other = new RawHttp("127.0.0.4", service.httpPort())) {
            assertThat(other.get("/health/live", 10_000).status()).as("another client meanwhile").isEqualTo(200);
        }
        for (int i = 0; i < BURST + 5; i++) {
            assertThat(service.get("/health/live").statusCode()).as("an exempt client").isEqualTo(200);
        }
        assertThat(metrics().sum("orders_http_refused_total", Map.of("reason", "rate_limit")) - refusedBefore)
                .isEqualTo(refused.size());
    }

    @Test
    @Order(3)
    void oneClientMayHoldOnlyItsShareOfLiveFeeds() throws Exception {
        List<RawHttp> feeds = new ArrayList<>();
        try {
            for (int i = 0; i < LIVE; i++) {
                feeds.add(feed("127.0.0.5", 200));
            }
            try (RawHttp refused = new RawHttp("127.0.0.5", service.httpPort())) {
                RawHttp.Answer answer = refused.get("/api/events", 10_000);
                assertThat(answer.status()).isEqualTo(429);
                assertThat(answer.headers()).containsKey("retry-after")
                        .containsEntry("content-type", "application/problem+json");
                assertThat(answer.body()).contains("live-feeds-per-client");
            }
            feeds.add(feed("127.0.0.6", 200));
            for (int i = 0; i < LIVE + 1; i++) {
                feeds.add(feed("127.0.0.1", 200));
            }
        } finally {
            for (RawHttp feed : feeds) {
                feed.close();
            }
        }
        assertThat(metrics().sum("orders_http_refused_total", Map.of("reason", "live_per_client"))).isEqualTo(1);
        assertThat(metrics().sum("orders_http_refused_total", Map.of("reason", "live_full"))).isZero();
        assertThat(metrics().names()).contains("orders_http_refused_total");
        assertThat(metrics().find("orders_http_refused_total", Map.of("reason", "read_through"))).hasSize(1);
    }

    private static RawHttp feed(String from, int expected) throws IOException {
        RawHttp feed = new RawHttp(from, service.httpPort());
        RawHttp.Answer answer = feed.get("/api/events", 10_000);
        assertThat(answer.status()).as("a live feed from " + from).isEqualTo(expected);
        assertThat(answer.headers()).containsEntry("content-type", "text/event-stream");
        return feed;
    }

    private static Scrape metrics() throws Exception {
        return Scrape.parse(service.get("/metrics").body());
    }
}
