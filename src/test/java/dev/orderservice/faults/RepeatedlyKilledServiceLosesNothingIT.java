package dev.orderservice.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.testing.Audit;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.Figures;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.ServiceProcess;
import dev.orderservice.testing.ThrowawayNats;
import dev.orderservice.testing.Traffic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGKILL the service three times at random moments while tens of thousands of messages (orders,
 * garbage, re-sends) are being published, and start it again each time: every valid order is
 * stored exactly once and served, every invalid message rejected exactly once, and after the last
 * start the cache warms to hold every order once.
 */
class RepeatedlyKilledServiceLosesNothingIT {

    @RegisterExtension
    static final RealServices services = RealServices.postgresOnly();

    private static final int MESSAGES = 24_000;
    private static final int KILLS = 3;
    private static final int SERVED_SAMPLE = 6_000;

    @Test
    void everyOrderIsStoredOnceAndServedAfterThreeCrashesMidIngest() throws Exception {
        long started = System.nanoTime();
        long seed = Traffic.runSeed();
        Traffic traffic = Traffic.of(MESSAGES, 0.05, 0.03, seed);
        Random moments = new Random(seed);
        try (ThrowawayNats nats = ThrowawayNats.start()) {
            String db = services.postgres().newDatabase();
            try (ServiceProcess service = ServiceProcess.external(db, nats.url(), "faults-killed", Map.of())) {
                service.startAndAwaitReady();
                CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> traffic.publish(nats.url()));
                List<String> killedAt = new ArrayList<>();
                long settled = traffic.valid().size() + traffic.invalidCount();
                for (int kill = 0; kill < KILLS; kill++) {
                    // kill k lands somewhere in the k-th quarter of the work, then a little later still
                    long threshold = settled * kill / (KILLS + 1) + 1 + moments.nextLong(settled / (KILLS + 1));
                    Audit.Counts at = Await.until(Duration.ofMinutes(3), () -> Audit.counts(db),
                            c -> c.orders() + c.rejected() >= threshold, threshold + " messages settled");
                    Thread.sleep(moments.nextInt(400));
                    service.kill();
                    killedAt.add(at.orders() + "+" + at.rejected());
                    service.start().awaitReady();
                }
                publishing.join();

                Audit.awaitSettled(db, traffic, nats.url());
                Audit.assertStoredExactlyOnce(db, traffic);
                Await.until(Duration.ofMinutes(1), () -> SampleOrders.parse(service.get("/health/ready").body())
                                .get("cache").get("entries").asLong(), n -> n == traffic.valid().size(),
                        "the cache to hold every order once");
                int served = Audit.assertServed(service, traffic, SERVED_SAMPLE);
                assertThat(service.isAlive()).isTrue();
                Figures.record("service-sigkill-x3", traffic, db, KILLS + " SIGKILLs of the service, at "
                        + String.join(", ", killedAt) + " stored+rejected", served,
                        Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }
}
