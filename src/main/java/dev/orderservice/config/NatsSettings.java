package dev.orderservice.config;

import dev.orderservice.nats.NatsSecurity;

/**
 * The NATS the service is told about, settled from flags and environment. Unset text is null,
 * never blank. {@link #toString} leaves out the logins the URLs may carry; the security prints
 * how it authenticates, never with what.
 *
 * @param url          external NATS server(s), comma-separated; null: the embedded one
 * @param serverBinary the nats-server to run for the embedded broker; null: found on PATH
 * @param security     credentials and TLS for the external NATS; the embedded one needs none
 */
public record NatsSettings(String url, String serverBinary, NatsSecurity security) {

    public NatsSettings {
        url = Text.orNull(url);
        serverBinary = Text.orNull(serverBinary);
        security = security == null ? NatsSecurity.NONE : security;
    }

    /** An open NATS: no credentials, TLS only where a URL says {@code tls://}. */
    public NatsSettings(String url, String serverBinary) {
        this(url, serverBinary, NatsSecurity.NONE);
    }

    /** No URL given: the service runs its own nats-server under the data dir. */
    public boolean embedded() {
        return url == null;
    }

    @Override
    public String toString() {
        return "NatsSettings[url=" + Redaction.natsUrls(url) + ", serverBinary=" + serverBinary + ", security="
                + security + "]";
    }
}
