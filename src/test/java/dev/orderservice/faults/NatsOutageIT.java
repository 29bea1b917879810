package dev.orderservice.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.testing.Audit;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.Figures;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.ServiceProcess;
import dev.orderservice.testing.Streams;
import dev.orderservice.testing.ThrowawayNats;
import dev.orderservice.testing.Traffic;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * nats-server is SIGKILLed while the service works through a backlog and started again on the
 * same port and store, or is not there yet when the service starts. The service stays up, reports
 * not-ready, says so once, and goes on by itself: the stream and the consumer's unacked messages
 * survive on disk, and what was acked is never delivered as new.
 */
class NatsOutageIT {

    @RegisterExtension
    static final RealServices services = RealServices.postgresOnly();

    private static final int MESSAGES = 12_000;
    private static final int SERVED_SAMPLE = 4_000;
    private static final Duration OUTAGE = Duration.ofSeconds(5);

    @Test
    void aBacklogIngestedAcrossANatsServerCrashIsStoredOnce() throws Exception {
        long started = System.nanoTime();
        Traffic traffic = Traffic.of(MESSAGES, 0.05, 0.03, Traffic.runSeed());
        int backlog = MESSAGES * 2 / 3;
        try (ThrowawayNats nats = ThrowawayNats.start()) {
            String db = services.postgres().newDatabase();
            Streams.create(nats.url(), 1);
            traffic.publish(nats.url(), 0, backlog);
            try (ServiceProcess service = ServiceProcess.external(db, nats.url(), "faults-nats-kill", Map.of())) {
                service.start();
                Audit.Counts atCrash = Await.until(Duration.ofMinutes(2), () -> Audit.counts(db),
                        c -> c.orders() + c.rejected() >= backlog / 4, "ingest of the backlog to be under way");
                nats.kill();
                Await.until(Duration.ofSeconds(60), () -> service.get("/health/ready").statusCode(),
                        status -> status == 503, "readiness to report the broker down");
                Thread.sleep(OUTAGE.toMillis());
                assertThat(service.isAlive()).as("the service survives the outage").isTrue();
                nats.startAgain();
                service.awaitReady();
                traffic.publish(nats.url(), backlog, traffic.size());

                Audit.awaitSettled(db, traffic, nats.url());
                Audit.assertStoredExactlyOnce(db, traffic);
                int served = Audit.assertServed(service, traffic, SERVED_SAMPLE);
                Outages.assertOneClearLine(service.logLines(), "disconnected from NATS");
                Figures.record("nats-sigkill", traffic, db, "SIGKILL of nats-server at " + atCrash.orders() + "+"
                        + atCrash.rejected() + " of a " + backlog + "-message backlog, restarted after "
                        + OUTAGE.toSeconds() + " s", served, Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }

    @Test
    void serviceStartedWithoutNatsWaitsSaysSoOnceAndThenIngestsEverything() throws Exception {
        long started = System.nanoTime();
        Traffic traffic = Traffic.of(MESSAGES / 2, 0.05, 0.03, Traffic.runSeed());
        try (ThrowawayNats nats = ThrowawayNats.notStarted()) {
            String db = services.postgres().newDatabase();
            try (ServiceProcess service = ServiceProcess.external(db, nats.url(), "faults-nats-down-at-start",
                    Map.of())) {
                service.start();
                Await.until(Duration.ofSeconds(60), service::logLines,
                        lines -> Outages.linesContaining(lines, "NATS is unreachable") == 1,
                        "the service to say NATS is unreachable");
                // the broker is looked for while the HTTP server starts, so the line may come first
                Await.until(Duration.ofSeconds(30), () -> service.get("/health/live").statusCode(),
                        status -> status == 200, "the service to be live");
                Thread.sleep(OUTAGE.toMillis());
                assertThat(service.get("/health/ready").statusCode()).isEqualTo(503);
                assertThat(service.isAlive()).isTrue();

                nats.startAgain();
                service.awaitReady();
                traffic.publish(nats.url());
                Audit.awaitSettled(db, traffic, nats.url());
                Audit.assertStoredExactlyOnce(db, traffic);
                int served = Audit.assertServed(service, traffic, SERVED_SAMPLE);
                Outages.assertOneClearLine(service.logLines(), "NATS is unreachable");
                assertThat(Outages.linesContaining(service.logLines(), "disconnected")).as("a connection that never was "
                        + "cannot be lost").isZero();
                Figures.record("nats-down-at-start", traffic, db, "nats-server not running for the first "
                        + OUTAGE.toSeconds() + "+ s after the service started", served,
                        Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }
}
