package dev.orderservice.nats;

import dev.orderservice.config.Secret;
import dev.orderservice.config.SecretFile;
import dev.orderservice.config.SettingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the service proves who it is to NATS and how it checks NATS in turn; every field may be null.
 * At most one way of authenticating is set (user and password, a token, an NKey seed, a {@code .creds}
 * file): {@link NatsConnectionOptions} refuses more. TLS is on as soon as any TLS file is given or a
 * server URL says {@code tls://}.
 *
 * @param user        {@code ORDERS_NATS_USER}
 * @param password    {@code ORDERS_NATS_PASSWORD} or {@code ORDERS_NATS_PASSWORD_FILE}
 * @param token       {@code ORDERS_NATS_TOKEN} or {@code ORDERS_NATS_TOKEN_FILE}
 * @param nkeySeedFile {@code ORDERS_NATS_NKEY_SEED_FILE}: a user NKey seed ({@code SU...}), as {@code nsc} writes it
 * @param credsFile   {@code ORDERS_NATS_CREDS_FILE}: a user JWT and its seed (JWT model)
 * @param tlsCaFile   {@code ORDERS_NATS_TLS_CA_FILE}: PEM authorities to trust instead of the JDK's
 * @param tlsCertFile {@code ORDERS_NATS_TLS_CERT_FILE}: PEM client certificate chain
 * @param tlsKeyFile  {@code ORDERS_NATS_TLS_KEY_FILE}: PEM client key
 */
public record NatsSecurity(String user, Secret password, Secret token, Path nkeySeedFile, Path credsFile,
        Path tlsCaFile, Path tlsCertFile, Path tlsKeyFile) {

    /** An open NATS: no credentials, TLS only if a URL asks for it. */
    public static final NatsSecurity NONE = new NatsSecurity(null, null, null, null, null, null, null, null);

    public NatsSecurity {
        user = user == null || user.isBlank() ? null : user.strip();
    }

    /**
     * The settings as flags and variables give them (null or blank: unset). Secrets given as files
     * are read here; {@link SecretFile#choose} registers every secret for redaction.
     *
     * @throws SettingException when a secret is given both ways or its file cannot be used
     */
    public static NatsSecurity of(String user, String password, String passwordFile, String token, String tokenFile,
            String nkeySeedFile, String credsFile, String tlsCaFile, String tlsCertFile, String tlsKeyFile)
            throws SettingException {
        Secret pass = SecretFile.choose("ORDERS_NATS_PASSWORD", password, passwordFile).orElse(null);
        Secret tok = SecretFile.choose("ORDERS_NATS_TOKEN", token, tokenFile).orElse(null);
        return new NatsSecurity(user, pass, tok, path(nkeySeedFile), path(credsFile), path(tlsCaFile),
                path(tlsCertFile), path(tlsKeyFile));
    }

    private static Path path(String value) {
        return value == null || value.isBlank() ? null : Path.of(value.strip());
    }

    public boolean tls() {
        return tlsCaFile != null || tlsCertFile != null || tlsKeyFile != null;
    }

    /** The ways of authenticating that are set, by the variables that set them. */
    List<String> authentications() {
        List<String> set = new ArrayList<>();
        if (user != null || password != null) {
            set.add("ORDERS_NATS_USER/ORDERS_NATS_PASSWORD");
        }
        if (token != null) {
            set.add("ORDERS_NATS_TOKEN");
        }
        if (nkeySeedFile != null) {
            set.add("ORDERS_NATS_NKEY_SEED_FILE");
        }
        if (credsFile != null) {
            set.add("ORDERS_NATS_CREDS_FILE");
        }
        return set;
    }

    /** What the start line and {@code check} may say: how it authenticates, never with what. */
    @Override
    public String toString() {
        String auth = user != null ? "user " + user
                : token != null ? "token"
                : nkeySeedFile != null ? "nkey " + nkeySeedFile
                : credsFile != null ? "creds " + credsFile
                : "no credentials";
        String tls = !tls() ? "" : ", TLS" + (tlsCaFile != null ? " CA " + tlsCaFile : "")
                + (tlsCertFile != null ? " client certificate " + tlsCertFile : "");
        return auth + tls;
    }
}
