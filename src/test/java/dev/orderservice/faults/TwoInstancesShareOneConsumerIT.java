package dev.orderservice.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.testing.Audit;
import dev.orderservice.testing.Figures;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.ServiceProcess;
import dev.orderservice.testing.ThrowawayNats;
import dev.orderservice.testing.Traffic;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances started together on the same durable consumer and the same database: the broker
 * shares the messages out, each order is written once, and each instance serves every order,
 * reading through to the database for the ones the other one ingested.
 */
class TwoInstancesShareOneConsumerIT {

    @RegisterExtension
    static final RealServices services = RealServices.postgresOnly();

    private static final int MESSAGES = 12_000;
    private static final int SERVED_SAMPLE = 4_000;
    private static final Pattern INGESTED = Pattern.compile("(?m)^orders_ingested_total(?:\\{[^}]*})? ([0-9.Ee+]+)$");

    @Test
    void eachOrderIsWrittenOnceAndServedByBothInstances() throws Exception {
        long started = System.nanoTime();
        Traffic traffic = Traffic.of(MESSAGES, 0.05, 0.03, Traffic.runSeed());
        try (ThrowawayNats nats = ThrowawayNats.start()) {
            String db = services.postgres().newDatabase();
            try (ServiceProcess first = ServiceProcess.external(db, nats.url(), "faults-two-a", Map.of());
                    ServiceProcess second = ServiceProcess.external(db, nats.url(), "faults-two-b", Map.of())) {
                first.start();
                second.start();
                first.awaitReady();
                second.awaitReady();
                traffic.publish(nats.url());

                Audit.awaitSettled(db, traffic, nats.url());
                Audit.assertStoredExactlyOnce(db, traffic);
                long byFirst = ingested(first);
                long bySecond = ingested(second);
                assertThat(byFirst + bySecond).as("orders stored first by one of the two")
                        .isEqualTo(traffic.valid().size());
                assertThat(byFirst).as("orders the first instance stored").isPositive();
                assertThat(bySecond).as("orders the second instance stored").isPositive();
                int served = Audit.assertServed(first, traffic, SERVED_SAMPLE)
                        + Audit.assertServed(second, traffic, SERVED_SAMPLE);
                Figures.record("two-instances", traffic, db, "none; 2 instances on one consumer, stored "
                        + byFirst + " + " + bySecond, served, Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }

    private static long ingested(ServiceProcess service) throws Exception {
        Matcher matcher = INGESTED.matcher(service.get("/metrics").body());
        assertThat(matcher.find()).as("orders_ingested_total in /metrics").isTrue();
        return (long) Double.parseDouble(matcher.group(1));
    }
}
