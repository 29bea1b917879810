package dev.orderservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.store.BatchOutcome;
import dev.orderservice.store.Listings;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.validation.MessageDecoder;
import dev.orderservice.validation.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live feed as ingest and a browser see it: ingest only ever offers; a browser gets the newest
 * orders first, at most a page of them with the rest counted as skipped, and after falling too far
 * behind it is told to refetch instead of being shown an incomplete list.
 */
class LiveFeedNeverWaitsForABrowserTest {

    private static final Duration NO_WAIT = Duration.ofMillis(1);

    @Test
    void aBatchIsNewestFirstAndCapped() throws Exception {
        LiveSubscriber browser = new LiveSubscriber(16);
        for (int i = 0; i < 5; i++) {
            browser.offer(summary("o" + i));
        }

        LiveSubscriber.Batch batch = browser.next(NO_WAIT, 3);

        assertThat(batch.refetch()).isFalse();
        assertThat(batch.skipped()).isEqualTo(2);
        assertThat(batch.newestFirst()).extracting(Listings.OrderSummary::orderUid).containsExactly("o4", "o3", "o2");
        assertThat(browser.next(NO_WAIT, 3)).as("nothing new").isNull();
    }

    @Test
    void aBrowserThatFellBehindIsToldToRefetchThenCarriesOn() throws Exception {
        LiveSubscriber browser = new LiveSubscriber(4);
        for (int i = 0; i < 10; i++) {
            browser.offer(summary("o" + i));
        }

        LiveSubscriber.Batch overflow = browser.next(NO_WAIT, 50);
        assertThat(overflow.refetch()).isTrue();
        assertThat(overflow.newestFirst()).isEmpty();
        assertThat(browser.next(NO_WAIT, 50)).as("the backlog was dropped with the refetch").isNull();

        browser.offer(summary("after"));
        assertThat(browser.next(NO_WAIT, 50).newestFirst()).extracting(Listings.OrderSummary::orderUid)
                .containsExactly("after");
    }

    @Test
    @Timeout(30)
    void ingestFansOutToEveryBrowserWithoutWaiting() throws Exception {
        try (LiveFeed feed = new LiveFeed()) {
            LiveSubscriber slow = feed.subscribe();
            LiveSubscriber fast = feed.subscribe();
            List<Verdict.Accepted> stored = new ArrayList<>();
            MessageDecoder decoder = new MessageDecoder(256 * 1024);
            for (int i = 0; i < LiveFeed.QUEUE_CAPACITY + 10; i++) {
                stored.add((Verdict.Accepted) decoder.decode(SampleOrders.bytes(SampleOrders.withUid("live" + i))));
            }

            // more orders than a queue holds: a feed that waited for room would hang here (see @Timeout)
            feed.committed(new BatchOutcome(stored, 0, Map.of(), Map.of()), stored.size(), 0);

            assertThat(slow.next(NO_WAIT, 50).refetch()).isTrue();
            assertThat(fast.next(NO_WAIT, 50).refetch()).isTrue();
            assertThat(feed.subscriberCount()).isEqualTo(2);
        }
    }

    @Test
    void theFeedRefusesBrowsersPastItsLimitAndAfterClosing() {
        LiveFeed feed = new LiveFeed();
        List<LiveSubscriber> browsers = new ArrayList<>();
        for (int i = 0; i < LiveFeed.MAX_SUBSCRIBERS; i++) {
            browsers.add(feed.subscribe());
        }
        assertThat(browsers).doesNotContainNull();
        assertThat(feed.subscribe()).as("one too many").isNull();

        feed.unsubscribe(browsers.get(0));
        assertThat(feed.subscribe()).isNotNull();
        feed.close();
        assertThat(feed.subscribe()).as("closed").isNull();
    }

    private static Listings.OrderSummary summary(String uid) {
        return new Listings.OrderSummary(uid, "TRACK", "customer", "meest", "2021-11-26T06:22:19Z", 1817, "USD", 1,
                Instant.now());
    }
}
