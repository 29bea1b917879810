package dev.orderservice.tls;

import dev.orderservice.config.SettingException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS side of a client connection (NATS): trust in a CA from a PEM file (or the JDK's own
 * authorities), an optional client certificate, TLS 1.2 or 1.3 only, and the server's hostname
 * checked against its certificate on every socket ({@link VerifyingSslContext}), because a client
 * library that only calls {@code createSocket} never asks the JDK to.
 */
public final class ClientTls {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private ClientTls() {
    }

    /**
     * @param caFile the PEM authorities to trust; null trusts the JDK's default authorities
     * @param certFile the client certificate chain (PEM), or null for none
     * @param keyFile the client key (PEM), given exactly when {@code certFile} is
     * @throws SettingException when a file cannot be used, or only one of certificate and key is given
     */
    public static SSLContext context(Path caFile, Path certFile, Path keyFile) throws SettingException {
        if ((certFile == null) != (keyFile == null)) {
            throw new SettingException("a client certificate needs both its certificate and its key file");
        }
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(caFile == null ? null : PemFiles.trustStore(caFile));
            KeyManager[] keys = null;
            if (certFile != null) {
                KeyStore store = PemFiles.keyStore(certFile, keyFile);
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, PemFiles.keyStorePassword());
                keys = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust.getTrustManagers(), null);
            return new VerifyingSslContext(context, PROTOCOLS);
        } catch (GeneralSecurityException e) {
            throw new SettingException("TLS cannot be set up: " + e.getMessage(), e);
        }
    }
}
