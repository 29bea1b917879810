package dev.orderservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.orderservice.json.Json;
import dev.orderservice.store.BatchOutcome;
import dev.orderservice.store.Listings;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.validation.MessageDecoder;
import dev.orderservice.validation.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The feed's admission and its "once each": one client holds at most its cap of feeds (an exempt
 * one any number), and an order heard both from this instance's ingest and from a peer's notice
 * reaches a browser once; a summary survives the notice's JSON unchanged.
 */
class LiveFeedCapsClientsAndShowsEachOrderOnceTest {

    @Test
    void aClientPastItsCapIsRefusedAndAClosedFeedFreesItsSlot() {
        var limits = new Admission.Limits(0, 0, 1, 2, List.of());
        try (LiveFeed feed = new LiveFeed(new Admission(limits))) {
            LiveFeed.Subscription first = feed.subscribe("10.0.0.1");
            assertThat(feed.subscribe("10.0.0.1").refusal()).isNull();
            assertThat(feed.subscribe("10.0.0.1").refusal()).isEqualTo(Admission.Refusal.LIVE_PER_CLIENT);
            assertThat(feed.subscribe("10.0.0.2").refusal()).as("another client").isNull();
            assertThat(feed.subscribe(null).refusal()).as("an exempt client").isNull();
            assertThat(feed.subscribe(null).refusal()).isNull();
            feed.unsubscribe(first.subscriber());
            assertThat(feed.subscribe("10.0.0.1").refusal()).isNull();
            assertThat(feed.subscriberCount()).isEqualTo(5);
        }
    }

    /** Tabs of one client opening and closing feeds at once never hold more than the cap between them. */
    @Test
    void feedsOpenedAndClosedAtOnceNeverExceedTheCap() throws Exception {
        var limits = new Admission.Limits(0, 0, 1, 1, List.of());
        try (LiveFeed feed = new LiveFeed(new Admission(limits))) {
            java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
            Runnable tab = () -> {
                for (int i = 0; i < 20_000; i++) {
                    LiveFeed.Subscription s = feed.subscribe("10.0.0.9");
                    if (s.subscriber() != null) {
                        most.accumulateAndGet(open.incrementAndGet(), Math::max);
                        open.decrementAndGet();
                        feed.unsubscribe(s.subscriber());
                    }
                }
            };
            List<Thread> tabs = java.util.stream.IntStream.range(0, 4).mapToObj(i -> Thread.ofPlatform().start(tab))
                    .toList();
            for (Thread t : tabs) {
                t.join();
            }
            assertThat(most.get()).as("feeds one client held at once").isEqualTo(1);
            assertThat(feed.subscribe("10.0.0.9").refusal()).isNull();
            assertThat(feed.subscribe("10.0.0.9").refusal()).isEqualTo(Admission.Refusal.LIVE_PER_CLIENT);
        }
    }

    @Test
    void anOrderHeardTwiceReachesABrowserOnce() throws Exception {
        try (LiveFeed feed = new LiveFeed()) {
            LiveSubscriber browser = feed.subscribe();
            Verdict.Accepted accepted = accepted("twice");
            var order = accepted.order();
            feed.committed(new BatchOutcome(List.of(accepted), 0, Map.of(), Map.of()), 1, 0);
            Listings.OrderSummary summary = LiveFeed.summary(order, Instant.now());
            Listings.OrderSummary other = LiveFeed.summary(
                    accepted("elsewhere").order(), Instant.now());
            feed.storedElsewhere(List.of(summary, other));
            feed.storedElsewhere(List.of(other));
            LiveSubscriber.Batch batch = browser.next(Duration.ofSeconds(1), 50);
            assertThat(batch.newestFirst()).extracting(Listings.OrderSummary::orderUid)
                    .containsExactly("elsewhere", "twice");
            assertThat(browser.next(Duration.ofMillis(50), 50)).isNull();
        }
    }

    /** "Once each" holds over the whole window of remembered ids, not only the newest few. */
    @Test
    void theLastRecentIdsAreEachRemembered() {
        try (LiveFeed feed = new LiveFeed()) {
            int total = LiveFeed.RECENT_IDS + 1000;
            for (int i = 0; i < total; i++) {
                assertThat(feed.firstTime("id" + i)).isTrue();
            }
            for (int i = total - LiveFeed.RECENT_IDS; i < total; i += 97) {
                assertThat(feed.firstTime("id" + i)).as("id" + i).isFalse();
            }
            assertThat(feed.firstTime("id0")).as("older than the window").isTrue();
        }
    }

    @Test
    void aSummarySurvivesTheNoticeUnchanged() throws Exception {
        Listings.OrderSummary summary = LiveFeed.summary(
                accepted("round-trip").order(), Instant.now());
        ObjectReader reader = Json.mapper().readerFor(Listings.OrderSummary[].class);
        Listings.OrderSummary[] back = reader.readValue(Json.mapper().writeValueAsBytes(List.of(summary)));
        assertThat(back).containsExactly(summary);
    }

    private static Verdict.Accepted accepted(String uid) {
        return (Verdict.Accepted) new MessageDecoder(256 * 1024).decode(SampleOrders.bytes(SampleOrders.withUid(uid)));
    }
}
