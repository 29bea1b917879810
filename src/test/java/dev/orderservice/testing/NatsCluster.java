package dev.orderservice.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderservice.embedded.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Three nats-server processes on loopback forming one JetStream cluster: each has its own name,
 * client port, cluster port, monitoring port and store, and routes to the other two. Tests kill
 * nodes with SIGKILL.
 */
public final class NatsCluster implements AutoCloseable {

    public static final String CLUSTER_NAME = "orders-test";
    public static final int SIZE = 3;
    private static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<NatsServerProcess> nodes;
    private final List<String> names;
    private final List<Integer> monitorPorts;

    private NatsCluster(List<NatsServerProcess> nodes, List<String> names, List<Integer> monitorPorts) {
        this.nodes = nodes;
        this.names = names;
        this.monitorPorts = monitorPorts;
    }

    /** Starts all three and waits until JetStream has a meta leader, i.e. can take a stream. */
    public static NatsCluster start() throws Exception {
        List<Integer> clusterPorts = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            clusterPorts.add(Ports.free());
        }
        List<NatsServerProcess> nodes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> monitorPorts = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            String name = "n" + (i + 1);
            int own = clusterPorts.get(i);
            String routes = clusterPorts.stream().filter(p -> p != own).map(p -> "nats-route://127.0.0.1:" + p)
                    .collect(Collectors.joining(","));
            Path store = Files.createTempDirectory("orders-nats-" + name);
            int monitor = Ports.free();
            Path binary = NatsServerProcess.locate(System.getenv("ORDERS_NATS_SERVER"));
            nodes.add(new NatsServerProcess(binary, Ports.free(), store, List.of(
                    "--name", name, "--cluster_name", CLUSTER_NAME, "--cluster", "nats://127.0.0.1:" + own,
                    "--routes", routes, "-m", String.valueOf(monitor))));
            names.add(name);
            monitorPorts.add(monitor);
        }
        NatsCluster cluster = new NatsCluster(nodes, names, monitorPorts);
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

    /** The node a client with this connection name is connected to, from each node's /connz. */
    public int nodeServing(String connectionName) throws Exception {
        for (int node = 0; node < nodes.size(); node++) {
            HttpResponse<String> connz = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + monitorPorts.get(node) + "/connz?limit=1024")).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode connection : SampleOrders.parse(connz.body()).path("connections")) {
                if (connectionName.equals(connection.path("name").asText())) {
                    return node;
                }
            }
        }
        throw new IllegalStateException("no node has a connection named " + connectionName);
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
