package dev.orderservice.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.testing.Audit;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.Figures;
import dev.orderservice.testing.ServiceProcess;
import dev.orderservice.testing.ThrowawayNats;
import dev.orderservice.testing.ThrowawayPostgres;
import dev.orderservice.testing.Traffic;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL crashes (immediate shutdown: no checkpoint, connections cut mid-transaction) while
 * orders stream in, or is down when the service starts. The service stays up, says so once,
 * reports not-ready, holds the messages unacked, and catches up by itself when PostgreSQL is back.
 */
class PostgresOutageIT {

    private static final int MESSAGES = 12_000;
    private static final int SERVED_SAMPLE = 4_000;
    private static final Duration OUTAGE = Duration.ofSeconds(5);

    @Test
    void ordersPublishedAcrossAnImmediatePostgresRestartAreStoredOnce() throws Exception {
        long started = System.nanoTime();
        Traffic traffic = Traffic.of(MESSAGES, 0.05, 0.03, Traffic.runSeed());
        try (ThrowawayPostgres postgres = ThrowawayPostgres.start(); ThrowawayNats nats = ThrowawayNats.start()) {
            String db = postgres.newDatabase();
            try (ServiceProcess service = ServiceProcess.external(db, nats.url(), "faults-pg-restart", Map.of())) {
                service.startAndAwaitReady();
                CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> traffic.publish(nats.url()));
                Audit.Counts atCrash = Await.until(Duration.ofMinutes(2), () -> Audit.counts(db),
                        c -> c.orders() + c.rejected() >= MESSAGES / 4, "ingest to be under way");
                postgres.stopImmediately();
                Await.until(Duration.ofSeconds(60), () -> service.get("/health/ready").statusCode(),
                        status -> status == 503, "readiness to report the database down");
                Thread.sleep(OUTAGE.toMillis());
                assertThat(service.isAlive()).as("the service survives the outage").isTrue();
                postgres.startAgain();
                service.awaitReady();
                publishing.join();

                Audit.awaitSettled(db, traffic, nats.url());
                Audit.assertStoredExactlyOnce(db, traffic);
                int served = Audit.assertServed(service, traffic, SERVED_SAMPLE);
                Outages.assertOneClearLine(service.logLines(), "PostgreSQL is unavailable");
                Figures.record("pg-restart", traffic, db, "pg_ctl stop -m immediate at " + atCrash.orders() + "+"
                        + atCrash.rejected() + " stored+rejected, restarted after " + OUTAGE.toSeconds() + " s",
                        served, Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }

    @Test
    void serviceStartedWithoutPostgresWaitsSaysSoOnceAndThenIngestsEverything() throws Exception {
        long started = System.nanoTime();
        Traffic traffic = Traffic.of(MESSAGES / 2, 0.05, 0.03, Traffic.runSeed());
        try (ThrowawayPostgres postgres = ThrowawayPostgres.start(); ThrowawayNats nats = ThrowawayNats.start()) {
            String db = postgres.newDatabase();
            postgres.stopImmediately();
            try (ServiceProcess service = ServiceProcess.external(db, nats.url(), "faults-pg-down-at-start",
                    Map.of())) {
                service.start();
                Await.until(Duration.ofSeconds(60), service::logLines,
                        lines -> Outages.linesContaining(lines, "PostgreSQL is unreachable") == 1,
                        "the service to say PostgreSQL is unreachable");
                assertThat(service.get("/health/live").statusCode()).isEqualTo(200);
                Thread.sleep(OUTAGE.toMillis());
                assertThat(service.get("/health/ready").statusCode()).isEqualTo(503);
                assertThat(service.isAlive()).isTrue();

                postgres.startAgain();
                service.awaitReady();
                traffic.publish(nats.url());
                Audit.awaitSettled(db, traffic, nats.url());
                Audit.assertStoredExactlyOnce(db, traffic);
                int served = Audit.assertServed(service, traffic, SERVED_SAMPLE);
                Outages.assertOneClearLine(service.logLines(), "PostgreSQL is unreachable");
                Figures.record("pg-down-at-start", traffic, db, "PostgreSQL down for the first "
                        + OUTAGE.toSeconds() + "+ s after the service started", served,
                        Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }
}
