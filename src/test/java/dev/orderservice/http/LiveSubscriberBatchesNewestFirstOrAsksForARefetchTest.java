package dev.orderservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.store.Listings;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One browser's queue: a batch holds the newest orders first, at most {@code max} of them with
 * the older ones counted as skipped; a queue offered more than it holds asks for a refetch and
 * drops its backlog; and {@link LiveSubscriber#wake} ends a wait at once, so a closing feed does
 * not keep a stream open for a poll interval.
 */
class LiveSubscriberBatchesNewestFirstOrAsksForARefetchTest {

    private static final Duration NO_WAIT = Duration.ofMillis(1);

    @ParameterizedTest(name = "capacity {0}, {1} offered, max {2} -> {3}, skipped {4}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            4 | 0 | 3  | none        | 0
            4 | 1 | 3  | o0          | 0
            4 | 3 | 3  | o2 o1 o0    | 0
            4 | 4 | 3  | o3 o2 o1    | 1
            4 | 4 | 1  | o3          | 3
            4 | 4 | 50 | o3 o2 o1 o0 | 0
            1 | 1 | 50 | o0          | 0
            4 | 5 | 3  | refetch     | 0
            1 | 2 | 50 | refetch     | 0
            """)
    void aBatchIsTheNewestFirstCappedOrARefetch(int capacity, int offered, int max, String expected, int skipped)
            throws InterruptedException {
        LiveSubscriber browser = new LiveSubscriber(capacity);
        for (int i = 0; i < offered; i++) {
            browser.offer(summary("o" + i));
        }

        LiveSubscriber.Batch batch = browser.next(NO_WAIT, max);

        if (expected == null) {
            assertThat(batch).isNull();
            return;
        }
        assertThat(batch.refetch()).isEqualTo(expected.equals("refetch"));
        assertThat(batch.newestFirst()).extracting(Listings.OrderSummary::orderUid)
                .containsExactlyElementsOf(batch.refetch() ? List.of() : Arrays.asList(expected.split(" ")));
        assertThat(batch.skipped()).isEqualTo(skipped);
        assertThat(browser.next(NO_WAIT, max)).as("everything was taken or dropped").isNull();
    }

    @Test
    void aWokenSubscriberAsksForARefetchAndDropsItsBacklog() throws InterruptedException {
        LiveSubscriber browser = new LiveSubscriber(4);
        browser.offer(summary("o0"));
        browser.offer(summary("o1"));

        browser.wake();

        assertThat(browser.next(NO_WAIT, 50).refetch()).isTrue();
        assertThat(browser.next(NO_WAIT, 50)).isNull();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void wakeEndsAWaitAtOnce() throws Exception {
        LiveSubscriber browser = new LiveSubscriber(4);
        CompletableFuture<LiveSubscriber.Batch> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return browser.next(Duration.ofMinutes(1), 50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);

        long woken = System.nanoTime();
        browser.wake();

        assertThat(waiting.get(5, TimeUnit.SECONDS).refetch()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - woken)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void ordersOfferedAfterAWakeAreBatchedAsUsual() throws InterruptedException {
        LiveSubscriber browser = new LiveSubscriber(4);
        browser.wake();
        assertThat(browser.next(NO_WAIT, 50).refetch()).isTrue();

        browser.offer(summary("later"));

        LiveSubscriber.Batch batch = browser.next(NO_WAIT, 50);
        assertThat(batch.refetch()).isFalse();
        assertThat(batch.newestFirst()).extracting(Listings.OrderSummary::orderUid).containsExactly("later");
    }

    private static Listings.OrderSummary summary(String uid) {
        return new Listings.OrderSummary(uid, "TRACK", "customer", "meest", "2021-11-26T06:22:19Z", 1817, "USD", 1,
                Instant.EPOCH);
    }
}
