package dev.orderservice.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A certificate authority made at test time, and the server and client certificates it issues,
 * written as PEM the way operators get them (chain file, key file in PKCS#8 or the older
 * PKCS#1/SEC1 form). Keys are EC P-256 (fast to make) unless a test asks for RSA.
 */
public final class ThrowawayCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final Duration VALIDITY = Duration.ofDays(2);

    private final X500Name name;
    private final KeyPair keys;
    private final X509Certificate certificate;

    private ThrowawayCertificates(X500Name name, KeyPair keys, X509Certificate certificate) {
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A self-signed CA. */
    public static ThrowawayCertificates authority(String commonName) {
        X500Name name = new X500Name("CN=" + commonName);
        KeyPair keys = keyPair("EC");
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(name, name, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(keys.getPublic()));
            return new ThrowawayCertificates(name, keys, sign(builder, keys));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A client TLS context that trusts this CA alone, as a client given the CA file would. */
    public SSLContext trustingContext() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("ca", certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CA certificate as a PEM file. */
    public Path writeCertificate(Path file) {
        return write(file, pem(certificate));
    }

    /** A server certificate for {@code localhost} and {@code 127.0.0.1}. */
    public Issued localhostServer() {
        return issue("localhost", List.of("localhost", "127.0.0.1"), KeyPurposeId.id_kp_serverAuth, "EC");
    }

    /**
     * @param names DNS names and IP addresses for the subject alternative names
     * @param keyAlgorithm {@code EC} or {@code RSA}
     */
    public Issued server(String commonName, List<String> names, String keyAlgorithm) {
        return issue(commonName, names, KeyPurposeId.id_kp_serverAuth, keyAlgorithm);
    }

    public Issued client(String commonName) {
        return issue(commonName, List.of(), KeyPurposeId.id_kp_clientAuth, "EC");
    }

    private Issued issue(String commonName, List<String> names, KeyPurposeId purpose, String keyAlgorithm) {
        KeyPair leafKeys = keyPair(keyAlgorithm);
        try {
            X509v3CertificateBuilder builder = builder(name, new X500Name("CN=" + commonName), leafKeys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));
            }
            return new Issued(sign(builder, keys), leafKeys, certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GeneralNames alternativeNames(List<String> names) throws IOException {
        List<GeneralName> general = new ArrayList<>();
        for (String n : names) {
            boolean ip = n.chars().allMatch(c -> Character.isDigit(c) || c == '.') || n.contains(":");
            general.add(ip ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(n).getHostAddress())
                    : new GeneralName(GeneralName.dNSName, n));
        }
        return new GeneralNames(general.toArray(GeneralName[]::new));
    }

    /** A certificate, its key, and the CA that signed it. */
    public record Issued(X509Certificate certificate, KeyPair keys, X509Certificate issuer) {

        /** The chain: this certificate, then the CA's. */
        public Path writeChain(Path file) {
            return write(file, pem(certificate) + pem(issuer));
        }

        /** The key as PKCS#8 ({@code BEGIN PRIVATE KEY}). */
        public Path writePkcs8Key(Path file) {
            try {
                return write(file, pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The key in its algorithm's own form ({@code BEGIN RSA PRIVATE KEY} or {@code BEGIN EC PRIVATE KEY}). */
        public Path writeTraditionalKey(Path file) {
            if (!keys.getPrivate().getAlgorithm().equals("EC")) {
                return write(file, pem(keys.getPrivate()));
            }
            // SEC1 with the curve inside: the JDK's PKCS#8 encoding keeps it outside, and a SEC1 key
            // without it is unreadable to OpenSSL, Go and BouncyCastle alike
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
            try {
                ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
                ECPrivateKey sec1 = new ECPrivateKey(256, inner.getKey(), inner.getPublicKey(),
                        info.getPrivateKeyAlgorithm().getParameters());
                return write(file, pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject,
                subjectKeys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
