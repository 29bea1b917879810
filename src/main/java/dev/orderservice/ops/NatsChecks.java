package dev.orderservice.ops;

import dev.orderservice.config.Redaction;
import dev.orderservice.config.SettingException;
import dev.orderservice.ingest.StreamSetup;
import dev.orderservice.nats.NatsConnectionOptions;
import dev.orderservice.nats.NatsFailures;
import dev.orderservice.nats.NatsSecurity;
import dev.orderservice.publish.Subjects;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.AccountStatistics;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The NATS half of {@code check}: the server answers, JetStream is on, and the stream and the
 * durable consumer exist with a configuration the service can work with. One connection attempt,
 * no waiting: {@code check} reports the state now.
 */
final class NatsChecks {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private NatsChecks() {
    }

    /** Where the stream is, how to log in, and how the service reads it. */
    record Target(String url, NatsSecurity security, String stream, String subject, String consumer) {
    }

    /**
     * @throws SettingException when the security settings cannot be used
     */
    static List<CheckLine> run(Target target) throws InterruptedException, SettingException {
        List<CheckLine> lines = new ArrayList<>();
        NatsFailures failures = new NatsFailures();
        Options options = NatsConnectionOptions.builder(target.url(), target.security())
                .connectionName("order-service check").connectionTimeout(CONNECT_TIMEOUT).maxReconnects(0)
                .errorListener(failures).build();
        try (Connection connection = Nats.connect(options)) {
            lines.add(CheckLine.ok("NATS", "connected to " + connection.getConnectedUrl() + " (nats-server "
                    + connection.getServerInfo().getVersion() + "; " + target.security() + ")"));
            JetStreamManagement jsm = connection.jetStreamManagement();
            CheckLine jetStream = jetStream(jsm);
            lines.add(jetStream);
            if (jetStream.ok()) {
                CheckLine stream = stream(jsm, target);
                lines.add(stream);
                if (stream.ok()) {
                    lines.add(consumer(jsm, target));
                }
            }
        } catch (IOException e) {
            String reason = failures.explain(e);
            NatsFailures.Cause cause = NatsFailures.cause(reason);
            String shown = Redaction.natsUrls(target.url());
            lines.add(CheckLine.fail("NATS", cause == NatsFailures.Cause.UNREACHABLE
                    ? "cannot connect to " + shown + " (" + reason + "); is nats-server running? check ORDERS_NATS_URL"
                    : cause.headline(shown) + " (" + reason + "); " + cause.advice()));
        }
        return lines;
    }

    private static CheckLine jetStream(JetStreamManagement jsm) {
        try {
            AccountStatistics stats = jsm.getAccountStatistics();
            return CheckLine.ok("JetStream", "enabled (" + stats.getStreams() + " stream(s), "
                    + (stats.getStorage() >> 20) + " MiB stored)");
        } catch (IOException | JetStreamApiException e) {
            return CheckLine.fail("JetStream", "not available (" + e.getMessage()
                    + "); run nats-server with JetStream enabled (-js)");
        }
    }

    private static CheckLine stream(JetStreamManagement jsm, Target target) {
        String name = "stream " + target.stream();
        StreamInfo info;
        try {
            info = jsm.getStreamInfo(target.stream());
        } catch (JetStreamApiException e) {
            return CheckLine.fail(name, e.getApiErrorCode() == StreamSetup.STREAM_NOT_FOUND
                    ? "does not exist; serve creates it at start (or check ORDERS_STREAM)"
                    : "cannot be read: " + e.getErrorDescription());
        } catch (IOException e) {
            return CheckLine.fail(name, "cannot be read: " + e.getMessage());
        }
        StreamConfiguration config = info.getConfiguration();
        boolean captures = config.getSubjects().stream().anyMatch(p -> Subjects.matches(p, target.subject()));
        if (!captures) {
            return CheckLine.fail(name, "takes subjects " + config.getSubjects() + ", not '" + target.subject()
                    + "'; fix ORDERS_SUBJECT or the stream's subjects");
        }
        return CheckLine.ok(name, "subjects " + config.getSubjects() + ", " + config.getStorageType()
                + " storage, " + config.getReplicas() + " replica(s), " + info.getStreamState().getMsgCount()
                + " message(s)");
    }

    private static CheckLine consumer(JetStreamManagement jsm, Target target) {
        String name = "consumer " + target.consumer();
        ConsumerInfo info;
        try {
            info = jsm.getConsumerInfo(target.stream(), target.consumer());
        } catch (JetStreamApiException e) {
            return CheckLine.fail(name, e.getApiErrorCode() == StreamSetup.CONSUMER_NOT_FOUND
                    ? "does not exist on stream " + target.stream() + "; serve creates it at start (or check "
                            + "ORDERS_CONSUMER)"
                    : "cannot be read: " + e.getErrorDescription());
        } catch (IOException e) {
            return CheckLine.fail(name, "cannot be read: " + e.getMessage());
        }
        ConsumerConfiguration config = info.getConsumerConfiguration();
        if (config.getAckPolicy() != AckPolicy.Explicit) {
            return CheckLine.fail(name, "acknowledges with policy " + config.getAckPolicy() + "; the service needs "
                    + "explicit acks: delete the consumer (nats consumer rm) and let serve re-create it");
        }
        String filter = config.getFilterSubject();
        if (filter != null && !filter.isEmpty() && !Subjects.matches(filter, target.subject())) {
            return CheckLine.fail(name, "filters subject '" + filter + "', not '" + target.subject()
                    + "'; fix ORDERS_SUBJECT or re-create the consumer");
        }
        return CheckLine.ok(name, "explicit acks, ack wait " + config.getAckWait().toSeconds() + " s, "
                + info.getNumPending() + " pending, " + info.getNumAckPending() + " awaiting ack, "
                + info.getRedelivered() + " redelivered");
    }
}
