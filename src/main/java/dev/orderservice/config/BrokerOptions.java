package dev.orderservice.config;

import dev.orderservice.nats.NatsSecurity;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the stream is: the NATS URL given, else a local serve's embedded broker found through the
 * data dir; how to log in to it and check it ({@link NatsSecurityOptions}); and the stream and subject. The picocli mixin of {@code publish}, and part of
 * {@link ConnectionOptions} for the other commands. Each option's default is its environment
 * variable, so a flag wins over the environment. Read through the accessors, which settle the
 * values; the fields stay here.
 */
public final class BrokerOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:ORDERS_DATA_DIR:-" + Defaults.DATA_DIR + "}",
            description = "Where embedded PostgreSQL and NATS keep data, and where a running serve is found "
                    + "(env ORDERS_DATA_DIR; default " + Defaults.DATA_DIR + ").")
    private Path dataDir;

    @Option(names = "--nats-url", paramLabel = "URLS", defaultValue = "${env:ORDERS_NATS_URL}",
            description = "External NATS server(s), comma-separated (env ORDERS_NATS_URL; unset: embedded, "
                    + "or the running serve's found in --data-dir).")
    private String natsUrl;

    @Option(names = "--stream", paramLabel = "NAME", defaultValue = "${env:ORDERS_STREAM:-" + Defaults.STREAM + "}",
            description = "JetStream stream, capturing the subject (env ORDERS_STREAM; default " + Defaults.STREAM + ").")
    private String stream;

    @Option(names = "--subject", paramLabel = "SUBJECT",
            defaultValue = "${env:ORDERS_SUBJECT:-" + Defaults.SUBJECT + "}",
            description = "Subject orders are published to (env ORDERS_SUBJECT; default " + Defaults.SUBJECT + ").")
    private String subject;

    @Mixin
    private NatsSecurityOptions security;

    /** Absolute and normalized. */
    public Path dataDir() {
        return dataDir.toAbsolutePath().normalize();
    }

    /** The URL(s) given, or null for the embedded (or a running serve's) broker. */
    public String natsUrl() {
        return Text.orNull(natsUrl);
    }

    /**
     * Credentials and TLS as given; secret files are read here.
     *
     * @throws SettingException when a secret is set twice or its file cannot be used
     */
    public NatsSecurity natsSecurity() throws SettingException {
        return security.security();
    }

    public String stream() {
        return stream;
    }

    public String subject() {
        return subject;
    }
}
