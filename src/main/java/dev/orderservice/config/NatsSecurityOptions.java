package dev.orderservice.config;

import dev.orderservice.nats.NatsSecurity;
import picocli.CommandLine.Option;

/**
 * How a command proves itself to NATS and checks NATS in turn: the picocli mixin of every command
 * that connects (through {@link BrokerOptions}). Each option's default is its environment variable,
 * so a flag wins. Secrets have a {@code _FILE} variant; the flags that take a secret itself show in
 * process listings, so the README prefers the variables and the files.
 */
public final class NatsSecurityOptions {

    @Option(names = "--nats-user", paramLabel = "USER", defaultValue = "${env:ORDERS_NATS_USER}",
            description = "NATS user, with --nats-password or --nats-password-file (env ORDERS_NATS_USER).")
    private String user;

    @Option(names = "--nats-password", paramLabel = "PASSWORD", defaultValue = "${env:ORDERS_NATS_PASSWORD}",
            description = "NATS password (env ORDERS_NATS_PASSWORD; prefer the _FILE variant: flags show in process "
                    + "listings).")
    private String password;

    @Option(names = "--nats-password-file", paramLabel = "FILE", defaultValue = "${env:ORDERS_NATS_PASSWORD_FILE}",
            description = "File holding the NATS password (env ORDERS_NATS_PASSWORD_FILE).")
    private String passwordFile;

    @Option(names = "--nats-token", paramLabel = "TOKEN", defaultValue = "${env:ORDERS_NATS_TOKEN}",
            description = "NATS token (env ORDERS_NATS_TOKEN; prefer the _FILE variant).")
    private String token;

    @Option(names = "--nats-token-file", paramLabel = "FILE", defaultValue = "${env:ORDERS_NATS_TOKEN_FILE}",
            description = "File holding the NATS token (env ORDERS_NATS_TOKEN_FILE).")
    private String tokenFile;

    @Option(names = "--nats-nkey-seed-file", paramLabel = "FILE", defaultValue = "${env:ORDERS_NATS_NKEY_SEED_FILE}",
            description = "File holding a user NKey seed, SU... (env ORDERS_NATS_NKEY_SEED_FILE).")
    private String nkeySeedFile;

    @Option(names = "--nats-creds-file", paramLabel = "FILE", defaultValue = "${env:ORDERS_NATS_CREDS_FILE}",
            description = "A .creds file: user JWT and NKey seed (env ORDERS_NATS_CREDS_FILE).")
    private String credsFile;

    @Option(names = "--nats-tls-ca-file", paramLabel = "FILE", defaultValue = "${env:ORDERS_NATS_TLS_CA_FILE}",
            description = "PEM authorities to trust for NATS over TLS (env ORDERS_NATS_TLS_CA_FILE; default: the "
                    + "JDK's).")
    private String tlsCaFile;

    @Option(names = "--nats-tls-cert-file", paramLabel = "FILE", defaultValue = "${env:ORDERS_NATS_TLS_CERT_FILE}",
            description = "PEM client certificate chain for NATS (env ORDERS_NATS_TLS_CERT_FILE).")
    private String tlsCertFile;

    @Option(names = "--nats-tls-key-file", paramLabel = "FILE", defaultValue = "${env:ORDERS_NATS_TLS_KEY_FILE}",
            description = "PEM key of the client certificate (env ORDERS_NATS_TLS_KEY_FILE).")
    private String tlsKeyFile;

    /**
     * The settings as given; secret files are read (and their secrets registered for redaction) here.
     *
     * @throws SettingException when a secret is set twice or its file cannot be used
     */
    public NatsSecurity security() throws SettingException {
        return NatsSecurity.of(user, password, passwordFile, token, tokenFile, nkeySeedFile, credsFile, tlsCaFile,
                tlsCertFile, tlsKeyFile);
    }
}
