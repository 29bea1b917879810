package dev.orderservice.testing;

import dev.orderservice.embedded.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Three nats-server processes on loopback forming one JetStream cluster: each has its own name,
 * client port, cluster port and store, and routes to the other two. Tests kill nodes with SIGKILL.
 */
public final class NatsCluster implements AutoCloseable {

    public static final String CLUSTER_NAME = "orders-test";
    public static final int SIZE = 3;
    private static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(60);

    private final List<NatsServerProcess> nodes;
    private final List<String> names;

    private NatsCluster(List<NatsServerProcess> nodes, List<String> names) {
        this.nodes = nodes;
        this.names = names;
    }

    /** Starts all three and waits until JetStream has a meta leader, i.e. can take a stream. */
    public static NatsCluster start() throws Exception {
        List<Integer> clusterPorts = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            clusterPorts.add(TestNats.freePort());
        }
        List<NatsServerProcess> nodes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            String name = "n" + (i + 1);
            int own = clusterPorts.get(i);
            String routes = clusterPorts.stream().filter(p -> p != own).map(p -> "nats-route://127.0.0.1:" + p)
                    .collect(Collectors.joining(","));
            Path store = Files.createTempDirectory("orders-nats-" + name);
            nodes.add(new NatsServerProcess(NatsServerProcess.locate(), TestNats.freePort(), store, List.of(
                    "--name", name, "--cluster_name", CLUSTER_NAME, "--cluster", "nats://127.0.0.1:" + own,
                    "--routes", routes)));
            names.add(name);
        }
        NatsCluster cluster = new NatsCluster(nodes, names);
        try {
            for (NatsServerProcess node : nodes) {
                node.start();
            }
            cluster.awaitJetStream();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The client URLs of all nodes, comma-separated, as ORDERS_NATS_URL takes them. */
    public String urls() {
        return nodes.stream().map(NatsServerProcess::url).collect(Collectors.joining(","));
    }

    /** The node currently leading the stream's replicas (the one whose loss forces an election). */
    public int leaderOf(String stream) throws Exception {
        try (Connection connection = connect()) {
            String leader = connection.jetStreamManagement().getStreamInfo(stream).getClusterInfo().getLeader();
            int index = names.indexOf(leader);
            if (index < 0) {
                throw new IllegalStateException("stream " + stream + " has no known leader: " + leader);
            }
            return index;
        }
    }

    /** Waits until the stream has a leader other than {@code lost}, i.e. an election after its loss is over. */
    public int awaitNewLeader(String stream, int lost) throws Exception {
        return Await.until(FORMATION_TIMEOUT, () -> leaderOf(stream), leader -> leader != lost,
                "the stream " + stream + " to elect a leader other than " + name(lost));
    }

    public String name(int node) {
        return names.get(node);
    }

    /** SIGKILL one node. */
    public void kill(int node) throws InterruptedException {
        nodes.get(node).kill();
    }

    @Override
    public void close() throws InterruptedException {
        for (NatsServerProcess node : nodes) {
            node.close();
        }
    }

    private Connection connect() throws IOException, InterruptedException {
        return Nats.connect(new Options.Builder().servers(urls().split(",")).connectionTimeout(Duration.ofSeconds(2))
                .build());
    }

    private void awaitJetStream() throws Exception {
        Await.until(FORMATION_TIMEOUT, () -> {
            try (Connection connection = connect()) {
                return connection.jetStreamManagement().getAccountStatistics() != null;
            }
        }, ready -> ready, "the JetStream cluster to elect a meta leader");
    }
}
