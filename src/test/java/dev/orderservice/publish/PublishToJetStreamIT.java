package dev.orderservice.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderservice.config.Defaults;
import dev.orderservice.embedded.RuntimeFile;
import dev.orderservice.ingest.StreamSettings;
import dev.orderservice.ingest.StreamSetup;
import dev.orderservice.testing.ThrowawayNats;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Against a real nats-server with JetStream: what the report counts is what the stream holds. */
class PublishToJetStreamIT {

    private static final String STREAM = "ORDERS";
    private static final String SUBJECT = "orders";

    private static ThrowawayNats server;
    private static Connection connection;

    @BeforeAll
    static void startServer() throws Exception {
        server = ThrowawayNats.start();
        connection = Nats.connect(server.url());
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The stream exactly as the service creates it, so limits such as its message size are the real ones. */
    @BeforeEach
    void freshStream() throws Exception {
        JetStreamManagement management = connection.jetStreamManagement();
        if (management.getStreamNames().contains(STREAM)) {
            management.deleteStream(STREAM);
        }
        StreamSetup.ensure(connection, new StreamSettings(STREAM, SUBJECT, "order-service", Defaults.ACK_WAIT,
                Defaults.MAX_DELIVERIES, 1));
    }

    @Test
    void everyPlannedMessageIsInTheStream() throws Exception {
        PublishPlan plan = new PublishPlan(20_000, 0, 0.1, 0.1, 1, false);
        PublishReport report = new Publisher(STREAM, SUBJECT).publish(connection, plan);

        assertThat(report.sent()).isEqualTo(plan.count());
        assertThat(report.validCount()).isEqualTo(plan.validCount());
        assertThat(report.invalidCount()).isEqualTo(plan.invalidCount());
        assertThat(report.duplicateCount()).isEqualTo(plan.duplicateCount());
        assertThat(report.brokerDuplicates()).isZero();
        assertThat(report.invalidByKind()).as("the service's stream takes even oversized garbage")
                .containsOnlyKeys(GarbageKind.values());
        assertThat(messagesInStream()).isEqualTo(plan.count());
        assertThat(report.validOrderUids()).hasSize((int) plan.validCount()).doesNotHaveDuplicates();
        System.out.println(report.summary());
    }

    @Test
    void withDedupIdsTheBrokerDropsReSentOrders() throws Exception {
        PublishPlan plan = new PublishPlan(5_000, 0, 0.1, 0.2, 2, true);
        PublishReport report = new Publisher(STREAM, SUBJECT).publish(connection, plan);

        assertThat(report.brokerDuplicates()).isEqualTo(plan.duplicateCount());
        assertThat(messagesInStream()).isEqualTo(plan.validCount() + plan.invalidCount());
    }

    @Test
    void oversizedGarbageIsLeftOutWhenTheStreamCannotHoldIt() throws Exception {
        connection.jetStreamManagement().updateStream(StreamConfiguration.builder().name(STREAM).subjects(SUBJECT)
                .storageType(StorageType.File).maximumMessageSize(64 * 1024).build());
        PublishReport report = new Publisher(STREAM, SUBJECT).publish(connection, new PublishPlan(3000, 0, 1, 0, 9, false));

        assertThat(report.invalidByKind()).doesNotContainKey(GarbageKind.OVERSIZED).hasSizeGreaterThan(10);
        assertThat(messagesInStream()).isEqualTo(3000);
    }

    @Test
    void aPacedRunKeepsToItsRate() throws Exception {
        PublishReport report = new Publisher(STREAM, SUBJECT).publish(connection, new PublishPlan(500, 1000, 0, 0, 3, false));
        assertThat(report.elapsed().toMillis()).isBetween(450L, 2_000L);
    }

    @Test
    void aMissingStreamIsExplained() {
        assertThatThrownBy(() -> new Publisher("NO_SUCH_STREAM", SUBJECT).publish(connection, PublishPlan.valid(1, 1)))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("stream NO_SUCH_STREAM does not exist").hasMessageContaining("start `serve`");
    }

    @Test
    void aSubjectTheStreamDoesNotTakeIsExplained() {
        assertThatThrownBy(() -> new Publisher(STREAM, "elsewhere").publish(connection, PublishPlan.valid(1, 1)))
                .isInstanceOf(PublishException.class).hasMessageContaining("does not take subject 'elsewhere'");
    }

    @Test
    void theCommandPrintsOneSummaryLine() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new PublishCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("--nats-url", server.url(), "--count", "300", "--invalid", "0.1", "--duplicates", "0.1",
                        "--seed", "77", "--no-progress");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).matches("published 300 messages \\(240 valid, 30 invalid, 30 duplicates\\) in "
                + "[0-9.]+ s, [0-9]+ msg/s; seed 77\\R");
        assertThat(messagesInStream()).isEqualTo(300);
    }

    @Test
    void theCommandFindsTheBrokerOfARunningServeThroughItsDataDir(@TempDir Path dataDir) throws Exception {
        Properties runtime = new Properties();
        runtime.setProperty(RuntimeFile.NATS_URL, server.url());
        RuntimeFile.write(dataDir, runtime);
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new PublishCommand()).setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(err)).execute("--data-dir", dataDir.toString(), "--count", "10");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(messagesInStream()).isEqualTo(10);
    }

    @Test
    void throughputToALocalStream() throws Exception {
        new Publisher(STREAM, SUBJECT).publish(connection, PublishPlan.valid(10_000, 4)); // warm-up
        PublishReport report = new Publisher(STREAM, SUBJECT).publish(connection, PublishPlan.valid(50_000, 5));
        System.out.println("throughput: " + report.summary());
        assertThat(messagesInStream()).isEqualTo(60_000);
    }

    private static long messagesInStream() throws Exception {
        return connection.jetStreamManagement().getStreamInfo(STREAM).getStreamState().getMsgCount();
    }
}
