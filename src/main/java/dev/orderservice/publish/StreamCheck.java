package dev.orderservice.publish;

import dev.orderservice.ingest.StreamSetup;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;

/**
 * Checks, before anything is sent, that the stream exists and captures the subject. Publishing
 * without it would fail per message with a "no responders" error that does not say why.
 */
final class StreamCheck {

    private final Connection connection;
    private final String stream;
    private final String subject;

    StreamCheck(Connection connection, String stream, String subject) {
        this.connection = connection;
        this.stream = stream;
        this.subject = subject;
    }

    /**
     * @throws PublishException when JetStream is off, the stream is missing or it does not take the subject
     */
    StreamConfiguration require() throws PublishException {
        StreamConfiguration config = read();
        boolean captured = config.getSubjects().stream().anyMatch(pattern -> Subjects.matches(pattern, subject));
        if (!captured) {
            throw new PublishException("stream " + stream + " does not take subject '" + subject + "' (it takes "
                    + config.getSubjects() + "); pass the right --subject or --stream");
        }
        return config;
    }

    private StreamConfiguration read() throws PublishException {
        try {
            return connection.jetStreamManagement().getStreamInfo(stream).getConfiguration();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == StreamSetup.STREAM_NOT_FOUND) {
                throw new PublishException("stream " + stream + " does not exist on " + connection.getConnectedUrl()
                        + "; start `serve` first (it creates the stream) or pass the right --stream", 0, e);
            }
            throw new PublishException("cannot read stream " + stream + ": " + e.getErrorDescription(), 0, e);
        } catch (IOException e) {
            throw new PublishException("JetStream does not answer at " + connection.getConnectedUrl()
                    + " (" + e.getMessage() + "); is the server running with JetStream enabled (-js)?", 0, e);
        }
    }
}
