package dev.orderservice.http;

import dev.orderservice.config.SettingException;
import dev.orderservice.tls.PemFiles;
import java.time.Duration;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTPS connector: TLS 1.2 or 1.3 only, HTTP/2 when the client offers it by ALPN and HTTP/1.1
 * otherwise, and HSTS on every answer (a browser that once reached the service over TLS never
 * tries plain HTTP again). The certificate comes from PEM files and is swapped when they change
 * ({@link CertificateReloader}, a bean of the server: it starts and stops with it).
 *
 * <p>Jetty's SNI host check is off: it answers 400 when the Host header is not a name of the
 * certificate, which only gets in the way of a client that reaches the service by address and
 * has chosen not to verify; every client that verifies does the real check itself.
 */
final class TlsConnector {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    static final Duration HSTS_MAX_AGE = Duration.ofDays(365);
    static final Duration RELOAD_CHECK = Duration.ofSeconds(10);

    private TlsConnector() {
    }

    /**
     * A connector on {@code server} speaking HTTPS with the certificate in {@code files}; the
     * caller sets host, port and timeouts, and adds it.
     *
     * @throws SettingException when the files cannot be used
     */
    static ServerConnector create(Server server, HttpConfiguration plain, HttpsFiles files, int acceptors,
            int selectors, Duration reloadCheck) throws SettingException {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(PemFiles.keyStore(files.certificateChain(), files.privateKey()));
        tls.setKeyStorePassword(new String(PemFiles.keyStorePassword()));
        tls.setIncludeProtocols(PROTOCOLS);
        server.addBean(new CertificateReloader(tls, files, reloadCheck));

        HttpConfiguration secure = new HttpConfiguration(plain);
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        customizer.setSniHostCheck(false);
        customizer.setStsMaxAge(HSTS_MAX_AGE.toSeconds());
        secure.addCustomizer(customizer);

        HttpConnectionFactory http1 = new HttpConnectionFactory(secure);
        HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(secure);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(http2.getProtocol(), http1.getProtocol());
        alpn.setDefaultProtocol(http1.getProtocol());
        SslConnectionFactory ssl = new SslConnectionFactory(tls, alpn.getProtocol());
        return new ServerConnector(server, acceptors, selectors, ssl, alpn, http2, http1);
    }
}
