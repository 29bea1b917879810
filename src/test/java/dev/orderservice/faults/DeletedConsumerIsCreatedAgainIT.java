package dev.orderservice.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderservice.testing.Audit;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.Figures;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.ServiceProcess;
import dev.orderservice.testing.Streams;
import dev.orderservice.testing.ThrowawayNats;
import dev.orderservice.testing.Traffic;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator deletes the durable consumer, or the whole stream, while the service runs; or the
 * consumer vanishes while the service is cut off from the broker, so no one tells it. The service
 * never goes on looking ready while it ingests nothing: it reports {@code consumer: false}, says so
 * in one line, creates what is missing as it does at start and consumes again. Orders published
 * after the deletion are stored exactly once, and so is the backlog the new consumer delivers again.
 */
class DeletedConsumerIsCreatedAgainIT {

    private static final int MESSAGES = 9_000;
    private static final int SERVED_SAMPLE = 2_000;
    private static final Duration NOTICE_TIMEOUT = Duration.ofSeconds(30);
    @RegisterExtension
    static final RealServices services = RealServices.postgresOnly();

    @Test
    void aConsumerDeletedMidBacklogIsCreatedAgainAndEveryOrderIsStoredOnce() throws Exception {
        long started = System.nanoTime();
        Traffic traffic = Traffic.of(MESSAGES, 0.05, 0.03, Traffic.runSeed());
        int backlog = MESSAGES * 2 / 3;
        try (ThrowawayNats nats = ThrowawayNats.start()) {
            String db = services.postgres().newDatabase();
            Streams.create(nats.url(), 1);
            traffic.publish(nats.url(), 0, backlog);
            try (ServiceProcess service = ServiceProcess.external(db, nats.url(), "faults-consumer-deleted",
                    Map.of())) {
                service.startAndAwaitReady();
                Audit.Counts atDeletion = Await.until(Duration.ofMinutes(2), () -> Audit.counts(db),
                        c -> c.orders() + c.rejected() >= backlog / 4, "ingest of the backlog to be under way");
                Streams.deleteConsumer(nats.url());
                awaitConsumerReportedDown(service);
                service.awaitReady();
                traffic.publish(nats.url(), backlog, traffic.size());

                Audit.awaitSettled(db, traffic, nats.url());
                Audit.assertStoredExactlyOnce(db, traffic);
                int served = Audit.assertServed(service, traffic, SERVED_SAMPLE);
                Outages.assertOneClearLine(service.logLines(), "is gone");
                Figures.record("consumer-deleted", traffic, db, "durable consumer deleted at " + atDeletion.orders()
                        + "+" + atDeletion.rejected() + " of a " + backlog + "-message backlog", served,
                        Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }

    /**
     * Deleting the stream throws away the messages it held, so the service is given time to store
     * the first half before; it then creates the stream again, as at start, and takes the rest.
     */
    @Test
    void aDeletedStreamIsCreatedAgainAndOrdersPublishedAfterAreStoredOnce() throws Exception {
        afterHalfIsStored("stream-deleted", "stream deleted after the first half was ingested",
                nats -> Streams.deleteStream(nats.url()));
    }

    /**
     * The consumer disappears while the service is disconnected (here: nats-server is killed and
     * its store loses the consumer before the restart), so no {@code 409 Consumer Deleted} ever
     * reaches the service's subscription, which jnats then leaves waiting for ever.
     */
    @Test
    void aConsumerGoneWhileTheServiceWasCutOffIsNoticedAndCreatedAgain() throws Exception {
        afterHalfIsStored("consumer-vanished", "durable consumer gone from the store across a nats-server "
                + "SIGKILL and restart", nats -> {
                    nats.kill();
                    deleteRecursively(nats.store().resolve(Path.of("jetstream", "$G", "streams", "ORDERS", "obs",
                            "order-service")));
                    nats.startAgain();
                });
    }

    /** Something done to the broker once the first half of the traffic is stored. */
    private interface Disruption {
        void apply(ThrowawayNats nats) throws Exception;
    }

    /**
     * Publishes half the traffic and lets the service store it, disrupts the broker, then expects
     * readiness to report the consumer down and come back, and the second half, published after,
     * to be stored exactly once like the first.
     */
    private void afterHalfIsStored(String figures, String description, Disruption disruption) throws Exception {
        long started = System.nanoTime();
        Traffic traffic = Traffic.of(MESSAGES / 2, 0.05, 0.03, Traffic.runSeed());
        int before = traffic.size() / 2;
        try (ThrowawayNats nats = ThrowawayNats.start()) {
            String db = services.postgres().newDatabase();
            try (ServiceProcess service = ServiceProcess.external(db, nats.url(), "faults-" + figures, Map.of())) {
                service.startAndAwaitReady();
                traffic.publish(nats.url(), 0, before);
                Streams.awaitAllAcked(nats.url(), Duration.ofMinutes(2));
                disruption.apply(nats);
                awaitConsumerReportedDown(service);
                service.awaitReady();
                traffic.publish(nats.url(), before, traffic.size());

                Audit.awaitSettled(db, traffic, nats.url());
                Audit.assertStoredExactlyOnce(db, traffic);
                int served = Audit.assertServed(service, traffic, SERVED_SAMPLE);
                Outages.assertOneClearLine(service.logLines(), "is gone");
                Figures.record(figures, traffic, db, description, served, Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }

    /** What {@code /health/ready} answered; its toString is what a timed-out wait reports. */
    private record Readiness(int status, JsonNode body) {
        boolean consumerDownBrokerUp() {
            return status == 503 && !body.get("checks").get("consumer").asBoolean()
                    && body.get("checks").get("broker").asBoolean();
        }
    }

    /** Readiness says 503 for the consumer while the broker itself is up: not some other outage. */
    private static void awaitConsumerReportedDown(ServiceProcess service) throws Exception {
        Await.until(NOTICE_TIMEOUT, () -> {
            HttpResponse<String> answer = service.get("/health/ready");
            return new Readiness(answer.statusCode(), SampleOrders.parse(answer.body()));
        }, Readiness::consumerDownBrokerUp, "readiness to answer 503 with consumer: false and broker: true");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        assertThat(dir).as("the consumer's directory in the store").isDirectory();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
