package dev.orderservice.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.testing.Audit;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.Figures;
import dev.orderservice.testing.NatsCluster;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.ServiceProcess;
import dev.orderservice.testing.Traffic;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A three-node JetStream cluster with the order stream replicated three times (created so by the
 * service, {@code ORDERS_STREAM_REPLICAS=3}): SIGKILL the node the service is connected to while
 * it works through a backlog. Its connection moves to a live node, the other two elect a new
 * stream leader if the lost node led it, and every order is still stored exactly once.
 */
class NatsClusterNodeLossIT {

    @RegisterExtension
    static final RealServices services = RealServices.postgresOnly();

    private static final int MESSAGES = 12_000;
    private static final int SERVED_SAMPLE = 4_000;

    @Test
    void losingTheServicesNodeMidIngestLosesAndDoublesNothing() throws Exception {
        long started = System.nanoTime();
        Traffic traffic = Traffic.of(MESSAGES, 0.05, 0.03, Traffic.runSeed());
        int backlog = MESSAGES * 2 / 3;
        try (NatsCluster cluster = NatsCluster.start()) {
            String db = services.postgres().newDatabase();
            try (ServiceProcess service = ServiceProcess.external(db, cluster.urls(), "faults-nats-cluster",
                    Map.of("ORDERS_STREAM_REPLICAS", "3"))) {
                service.startAndAwaitReady();
                assertThat(replicas(cluster.urls())).as("replicas of the stream the service created").isEqualTo(3);
                service.stop();
                traffic.publish(cluster.urls(), 0, backlog);

                service.start();
                Audit.Counts atKill = Await.until(Duration.ofMinutes(2), () -> Audit.counts(db),
                        c -> c.orders() + c.rejected() >= backlog / 4, "ingest of the backlog to be under way");
                int victim = cluster.nodeServing("order-service");
                int leader = cluster.leaderOf("ORDERS");
                cluster.kill(victim);
                int newLeader = victim == leader ? cluster.awaitNewLeader("ORDERS", leader) : leader;
                Await.until(Duration.ofMinutes(2), () -> Audit.counts(db),
                        c -> c.orders() + c.rejected() > atKill.orders() + atKill.rejected() + backlog / 4,
                        "ingest to go on after the node's loss");
                traffic.publish(cluster.urls(), backlog, traffic.size());

                Audit.awaitSettled(db, traffic, cluster.urls());
                Audit.assertStoredExactlyOnce(db, traffic);
                int served = Audit.assertServed(service, traffic, SERVED_SAMPLE);
                assertThat(service.isAlive()).isTrue();
                Outages.assertOneClearLine(service.logLines(), "disconnected from NATS");
                Figures.record("nats-cluster-node-loss", traffic, db, "SIGKILL of " + cluster.name(victim)
                        + " (the service's node; stream leader " + cluster.name(leader) + ") of 3, R3 stream, at "
                        + atKill.orders() + "+" + atKill.rejected() + " of a " + backlog + "-message backlog, not "
                        + "restarted; " + cluster.name(newLeader) + " leads the stream after", served,
                        Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }

    private static int replicas(String urls) throws Exception {
        try (Connection connection = Nats.connect(urls)) {
            return connection.jetStreamManagement().getStreamInfo("ORDERS").getConfiguration().getReplicas();
        }
    }
}
