package dev.orderservice.config;

/**
 * The NATS the service is told about, settled from flags and environment. Unset text is null,
 * never blank. {@link #toString} leaves out the logins the URLs may carry.
 *
 * @param url          external NATS server(s), comma-separated; null: the embedded one
 * @param serverBinary the nats-server to run for the embedded broker; null: found on PATH
 */
public record NatsSettings(String url, String serverBinary) {

    public NatsSettings {
        url = Text.orNull(url);
        serverBinary = Text.orNull(serverBinary);
    }

    /** No URL given: the service runs its own nats-server under the data dir. */
    public boolean embedded() {
        return url == null;
    }

    @Override
    public String toString() {
        return "NatsSettings[url=" + Redaction.natsUrls(url) + ", serverBinary=" + serverBinary + "]";
    }
}
