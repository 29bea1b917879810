package dev.orderservice.http;

import dev.orderservice.config.SettingException;
import dev.orderservice.digest.Sha256;
import dev.orderservice.tls.PemFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a renewed certificate in service without a restart: every {@code checkEvery} it reads the
 * two PEM files (through symbolic links, as Kubernetes swaps its secret directories) and, when the
 * content of either changed, parses the pair and hands it to {@link SslContextFactory#reload}.
 * Content, not modification times: a copy that keeps the time, or two writes within one tick of
 * the file system's clock, still count. New connections
 * get the new certificate; open ones keep theirs.
 *
 * <p>A pair that does not load (the certificate is written, the key not yet) is logged once and
 * tried again at the next change; until then the old certificate stays in service.
 */
final class CertificateReloader extends AbstractLifeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);

    private final SslContextFactory.Server tls;
    private final HttpsFiles files;
    private final Duration checkEvery;
    private ScheduledExecutorService timer;
    private byte[] loaded;

    CertificateReloader(SslContextFactory.Server tls, HttpsFiles files, Duration checkEvery) {
        this.tls = tls;
        this.files = files;
        this.checkEvery = checkEvery;
    }

    @Override
    protected void doStart() {
        loaded = stamp();
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("tls-reload")
                .factory());
        timer.scheduleWithFixedDelay(this::check, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        timer.shutdownNow();
    }

    private void check() {
        byte[] now = stamp();
        if (MessageDigest.isEqual(now, loaded)) {
            return;
        }
        loaded = now;
        try {
            KeyStore renewed = PemFiles.keyStore(files.certificateChain(), files.privateKey());
            tls.reload(factory -> factory.setKeyStore(renewed));
            LOG.info("HTTPS certificate reloaded from {}", files.certificateChain());
        } catch (SettingException e) {
            LOG.warn("HTTPS certificate not reloaded, the previous one stays in service: {}", e.getMessage());
        } catch (Exception e) {
            LOG.warn("HTTPS certificate not reloaded, the previous one stays in service: {}", e.toString());
        }
    }

    /** A digest of both files' content; an unreadable file digests as empty, so its return counts as a change. */
    private byte[] stamp() {
        MessageDigest digest = Sha256.newDigest();
        for (Path file : List.of(files.certificateChain(), files.privateKey())) {
            try {
                digest.update(Files.readAllBytes(file));
            } catch (IOException e) {
                digest.update((byte) 0);
            }
        }
        return digest.digest();
    }

}
