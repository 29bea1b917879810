package dev.orderservice.tls;

import dev.orderservice.config.SettingException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Certificates and keys from PEM files, as servers and certificate authorities hand them out:
 * a chain (leaf first) or a CA bundle, and an unencrypted key in PKCS#8 ({@code BEGIN PRIVATE KEY}),
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC1 ({@code BEGIN EC PRIVATE KEY}). BouncyCastle parses
 * the PEM; the JDK's own providers make the keys, so no provider is installed process-wide.
 *
 * <p>Key stores made here live in memory only; their password protects nothing and is no secret.
 */
public final class PemFiles {

    /** Password of the in-memory key stores: the JDK's API needs one, nothing is written with it. */
    private static final String IN_MEMORY_PASSWORD = "in-memory";
    static final String KEY_ALIAS = "key";

    private PemFiles() {
    }

    /**
     * Every certificate in {@code file}, in file order.
     *
     * @throws SettingException when the file cannot be read or holds no certificate
     */
    public static List<X509Certificate> certificates(Path file) throws SettingException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try {
            for (Object object : objects(file)) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (CertificateException e) {
            throw new SettingException(file + " holds a certificate that cannot be used: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new SettingException(file + " holds no PEM certificate (BEGIN CERTIFICATE)");
        }
        return certificates;
    }

    /**
     * The private key in {@code file}.
     *
     * @throws SettingException when the file cannot be read, holds no key or an encrypted one
     */
    public static PrivateKey privateKey(Path file) throws SettingException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            for (Object object : objects(file)) {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    // the private part alone: SEC1 files often leave the optional public key out
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new SettingException(file + " holds an encrypted key: give the key unencrypted "
                            + "(openssl pkey -in KEY -out KEY.pem) and protect the file instead");
                }
            }
        } catch (IOException e) {
            throw new SettingException(file + " holds a key that cannot be used: " + e.getMessage(), e);
        }
        throw new SettingException(file + " holds no PEM private key (BEGIN PRIVATE KEY, RSA PRIVATE KEY or "
                + "EC PRIVATE KEY)");
    }

    /**
     * A key store with the key of {@code keyFile} and the chain of {@code certFile} under one alias,
     * protected by {@link #keyStorePassword()}.
     *
     * @throws SettingException when a file cannot be used or the key does not belong to the certificate
     */
    public static KeyStore keyStore(Path certFile, Path keyFile) throws SettingException {
        List<X509Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        if (!belongTogether(key, chain.getFirst().getPublicKey())) {
            throw new SettingException("the key in " + keyFile + " does not belong to the first certificate in "
                    + certFile);
        }
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry(KEY_ALIAS, key, keyStorePassword(), chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException e) {
            throw new SettingException("the key in " + keyFile + " cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * A trust store with every certificate of {@code caFile} as a trusted authority.
     *
     * @throws SettingException when the file cannot be used
     */
    public static KeyStore trustStore(Path caFile) throws SettingException {
        List<X509Certificate> authorities = certificates(caFile);
        try {
            KeyStore store = emptyStore();
            for (int i = 0; i < authorities.size(); i++) {
                store.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            return store;
        } catch (GeneralSecurityException e) {
            throw new SettingException("the certificates in " + caFile + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** The password of the key stores made here (a fresh copy: callers may clear it). */
    public static char[] keyStorePassword() {
        return IN_MEMORY_PASSWORD.toCharArray();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, keyStorePassword());
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    /** A signature made with the key verifies with the certificate's public key. */
    static boolean belongTogether(PrivateKey key, PublicKey certified) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return true; // an algorithm we cannot test: the handshake will tell
        }
        try {
            byte[] probe = "order-service key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<Object> objects(Path file) throws SettingException {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (NoSuchFileException e) {
            throw new SettingException(file + ": no such file");
        } catch (IOException e) {
            throw new SettingException(file + " cannot be read as PEM: " + e.getMessage(), e);
        }
        return objects;
    }
}
