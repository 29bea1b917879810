package dev.orderservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.testing.Await;
import dev.orderservice.testing.ThrowawayCertificates;
import dev.orderservice.testing.ThrowawayCertificates.Issued;
import dev.orderservice.tls.PemFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain Jetty server with the HTTPS connector: a client that trusts the test CA gets answers
 * over HTTP/2 with HSTS, and certificate files replaced while it runs are served on the next
 * connection.
 */
class HttpsServesRenewedCertificatesWithoutRestartIT {

    private static final Duration RELOAD_CHECK = Duration.ofMillis(100);

    @TempDir
    Path dir;
    private final ThrowawayCertificates ca = ThrowawayCertificates.authority("https test CA");
    private Server server;
    private HttpsFiles files;

    @BeforeEach
    void start() throws Exception {
        Issued first = ca.server("localhost", List.of("localhost", "127.0.0.1"), "RSA");
        files = new HttpsFiles(first.writeChain(dir.resolve("tls.crt")), first.writeTraditionalKey(dir.resolve("tls.key")));
        server = new Server();
        ServerConnector connector = TlsConnector.create(server, new HttpConfiguration(), files, 1, 1, RELOAD_CHECK);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.write(true, StandardCharsets.UTF_8.encode("orders"), callback);
                return true;
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void aClientTrustingTheCaGetsHttp2WithHsts() throws Exception {
        HttpResponse<String> answer = get();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("orders");
        assertThat(answer.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(answer.headers().firstValue(HttpHeader.STRICT_TRANSPORT_SECURITY.asString()))
                .hasValue("max-age=" + TlsConnector.HSTS_MAX_AGE.toSeconds());
        assertThat(answer.sslSession().orElseThrow().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
    }

    @Test
    void replacedFilesAreServedOnTheNextConnection() throws Exception {
        X509Certificate before = served();
        Issued renewed = ca.server("localhost", List.of("localhost", "127.0.0.1"), "EC");
        // as a renewal tool does it: new files beside the old, then moved over them
        Path chain = renewed.writeChain(dir.resolve("new.crt"));
        Path key = renewed.writePkcs8Key(dir.resolve("new.key"));
        Files.move(key, files.privateKey(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(chain, files.certificateChain(), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);

        Await.until(Duration.ofSeconds(10), () -> served().getSerialNumber(),
                serial -> serial.equals(renewed.certificate().getSerialNumber()), "the renewed certificate");
        assertThat(served().getSerialNumber()).isNotEqualTo(before.getSerialNumber());
    }

    @Test
    void aHalfWrittenPairKeepsTheOldCertificate() throws Exception {
        X509Certificate before = served();
        Files.writeString(files.privateKey(), "not a key yet\n");
        Thread.sleep(RELOAD_CHECK.multipliedBy(5).toMillis());
        assertThat(served().getSerialNumber()).isEqualTo(before.getSerialNumber());
    }

    private X509Certificate served() throws Exception {
        return (X509Certificate) get().sslSession().orElseThrow().getPeerCertificates()[0];
    }

    /** A new client each time, so each request makes a new connection and handshake. */
    private HttpResponse<String> get() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(PemFiles.trustStore(ca.writeCertificate(dir.resolve("ca.pem"))));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        try (HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5))
                .build()) {
            return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
