package dev.orderservice.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderservice.config.SettingException;
import dev.orderservice.testing.ThrowawayCertificates;
import dev.orderservice.testing.ThrowawayCertificates.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PemFilesReadWhatOperatorsHaveTest {

    private static final ThrowawayCertificates CA = ThrowawayCertificates.authority("pem test CA");

    @TempDir
    Path dir;

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of("RSA", true, "BEGIN PRIVATE KEY"),
                Arguments.of("RSA", false, "BEGIN RSA PRIVATE KEY"),
                Arguments.of("EC", true, "BEGIN PRIVATE KEY"),
                Arguments.of("EC", false, "BEGIN EC PRIVATE KEY"));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void aChainAndItsKeyMakeAKeyStore(String algorithm, boolean pkcs8, String header) throws Exception {
        Issued server = CA.server("orders.example", List.of("orders.example"), algorithm);
        Path chain = server.writeChain(dir.resolve("chain.pem"));
        Path key = pkcs8 ? server.writePkcs8Key(dir.resolve("key.pem")) : server.writeTraditionalKey(dir.resolve("key.pem"));
        assertThat(Files.readString(key)).contains(header);

        KeyStore store = PemFiles.keyStore(chain, key);

        assertThat(store.getCertificateChain(PemFiles.KEY_ALIAS)).hasSize(2);
        assertThat(((X509Certificate) store.getCertificate(PemFiles.KEY_ALIAS)).getSubjectX500Principal().getName())
                .isEqualTo("CN=orders.example");
        assertThat(store.getKey(PemFiles.KEY_ALIAS, PemFiles.keyStorePassword()).getAlgorithm()).isEqualTo(algorithm);
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        Path chain = CA.localhostServer().writeChain(dir.resolve("chain.pem"));
        Path otherKey = CA.localhostServer().writePkcs8Key(dir.resolve("other.key"));
        assertThatThrownBy(() -> PemFiles.keyStore(chain, otherKey))
                .isInstanceOf(SettingException.class)
                .hasMessage("the key in " + otherKey + " does not belong to the first certificate in " + chain);
    }

    static Stream<Arguments> unusable() {
        return Stream.of(
                Arguments.of("missing", "", ": no such file"),
                Arguments.of("empty", "", " holds no PEM certificate"),
                Arguments.of("garbage", "not a pem file\n", " holds no PEM certificate"),
                Arguments.of("key-only", "KEY", " holds no PEM certificate"));
    }

    @ParameterizedTest
    @MethodSource("unusable")
    void aFileWithoutCertificatesIsOneClearLine(String name, String content, String reason) throws Exception {
        Path file = dir.resolve(name);
        if (!name.equals("missing")) {
            Files.writeString(file, content.equals("KEY")
                    ? Files.readString(CA.localhostServer().writePkcs8Key(dir.resolve("k"))) : content);
        }
        assertThatThrownBy(() -> PemFiles.certificates(file))
                .isInstanceOf(SettingException.class)
                .hasMessage(file + reason + (reason.startsWith(" holds") ? " (BEGIN CERTIFICATE)" : ""));
    }

    @Test
    void anEncryptedKeyIsRefusedWithWhatToDo() throws Exception {
        Path key = Files.writeString(dir.resolve("enc.key"), """
                -----BEGIN ENCRYPTED PRIVATE KEY-----
                MIGjMF8GCSqGSIb3DQEFDTBSMDEGCSqGSIb3DQEFDDAkBBBbvXpGCrkVhhmzjPQu
                lVRHAgIIADAMBggqhkiG9w0CCQUAMB0GCWCGSAFlAwQBKgQQn6ZM6KyqUOD4a+Zr
                WxW0ywRAOlLG4hlFwo7U4K+6Nn2dhR5lvTJ8bXQzUcjvmRu9lUXm5wcqgqXPZRyJ
                wdD0vQ3E5h3U4UwCRe7vgxmzpqY/lA==
                -----END ENCRYPTED PRIVATE KEY-----
                """);
        assertThatThrownBy(() -> PemFiles.privateKey(key))
                .isInstanceOf(SettingException.class)
                .hasMessageContaining("holds an encrypted key");
    }

    @Test
    void aCaBundleTrustsEveryAuthorityInIt() throws Exception {
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, Files.readString(CA.writeCertificate(dir.resolve("a.pem")))
                + Files.readString(ThrowawayCertificates.authority("second").writeCertificate(dir.resolve("b.pem"))));
        assertThat(PemFiles.trustStore(bundle).size()).isEqualTo(2);
    }
}
