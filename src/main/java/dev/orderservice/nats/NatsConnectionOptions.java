package dev.orderservice.nats;

import dev.orderservice.config.SettingException;
import dev.orderservice.tls.ClientTls;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Turns server URLs and {@link NatsSecurity} into a jnats {@link Options.Builder}: the one place
 * where serve, publish, check and the other commands learn how to reach NATS. Credentials go
 * through jnats' own mechanisms ({@code userInfo}, {@code token}, {@link Nats#credentials(String)}
 * for {@code .creds} files, an {@link io.nats.client.AuthHandler} over jnats' {@code NKey} for a
 * seed); TLS through an {@code SSLContext} that checks the server's hostname. Callers add their
 * connection name, timeouts and listeners.
 */
public final class NatsConnectionOptions {

    private NatsConnectionOptions() {
    }

    /**
     * @param urls comma-separated server URLs ({@code ORDERS_NATS_URL})
     * @throws SettingException when the settings contradict each other or a file cannot be used
     */
    public static Options.Builder builder(String urls, NatsSecurity security) throws SettingException {
        String[] servers = urls.strip().split("\\s*,\\s*");
        Options.Builder builder = new Options.Builder().servers(servers);
        authenticate(builder, security);
        if (security.tls() || anyTls(servers)) {
            builder.sslContext(ClientTls.context(security.tlsCaFile(), security.tlsCertFile(),
                    security.tlsKeyFile()));
            // jnats' default resolves each name and hands TLS the address, so the certificate's DNS name
            // would never match (noResolveHostnames() resolves too, to the first address; Unresolved
            // only works through a proxy). Happy Eyeballs resolves inside its connector and keeps the name.
            builder.hostnameResolveMode(Options.HostnameResolveMode.HappyEyeballs);
        }
        return builder;
    }

    private static void authenticate(Options.Builder builder, NatsSecurity security) throws SettingException {
        List<String> ways = security.authentications();
        if (ways.size() > 1) {
            throw new SettingException("NATS credentials are set in more than one way (" + String.join(", ", ways)
                    + "): set one");
        }
        if (security.user() != null || security.password() != null) {
            if (security.user() == null || security.password() == null) {
                throw new SettingException("ORDERS_NATS_USER and ORDERS_NATS_PASSWORD (or ORDERS_NATS_PASSWORD_FILE) "
                        + "go together: set both");
            }
            builder.userInfo(security.user().toCharArray(), security.password().revealChars());
        } else if (security.token() != null) {
            builder.token(security.token().revealChars());
        } else if (security.nkeySeedFile() != null) {
            builder.authHandler(NKeySeedAuth.fromFile(security.nkeySeedFile()));
        } else if (security.credsFile() != null) {
            readable("ORDERS_NATS_CREDS_FILE", security.credsFile());
            // jnats reads the file again at every (re)connect: a rotated .creds file is picked up
            builder.authHandler(Nats.credentials(security.credsFile().toString()));
        }
    }

    private static boolean anyTls(String[] servers) {
        for (String server : servers) {
            if (server.toLowerCase(Locale.ROOT).startsWith("tls://")) {
                return true;
            }
        }
        return false;
    }

    private static void readable(String variable, Path file) throws SettingException {
        if (!Files.isRegularFile(file)) {
            throw new SettingException(variable + "=" + file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new SettingException(variable + "=" + file + ": permission denied");
        }
    }
}
