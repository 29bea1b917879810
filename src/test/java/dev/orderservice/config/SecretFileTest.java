package dev.orderservice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecretFileTest {

    private static final String VARIABLE = "ORDERS_DB_PASSWORD_FILE";

    @TempDir
    Path dir;

    static Stream<Arguments> contents() {
        return Stream.of(
                Arguments.of("s3cret", "s3cret"),
                Arguments.of("s3cret\n", "s3cret"),
                Arguments.of("s3cret\r\n", "s3cret"),
                Arguments.of("s3cret\n\n", "s3cret"),
                Arguments.of(" spaced secret ", " spaced secret "),
                Arguments.of("two\nlines\n", "two\nlines"));
    }

    @ParameterizedTest
    @MethodSource("contents")
    void trailingLineBreaksAreDroppedAndNothingElse(String content, String secret) throws Exception {
        Path file = Files.writeString(dir.resolve("password"), content);
        assertThat(SecretFile.read(VARIABLE, file).reveal()).isEqualTo(secret);
    }

    static Stream<Arguments> unusable() {
        return Stream.of(
                Arguments.of("missing", ": no such file"),
                Arguments.of("empty", " is empty"),
                Arguments.of("newline-only", " is empty"),
                Arguments.of("directory", " is a directory"),
                Arguments.of("unreadable", ": permission denied"),
                Arguments.of("binary", " is not UTF-8 text"),
                Arguments.of("huge", " is larger than"));
    }

    @ParameterizedTest
    @MethodSource("unusable")
    void anUnusableFileIsOneLineNamingVariableAndPathNotContent(String kind, String reason) throws Exception {
        Path file = make(kind);
        assertThatThrownBy(() -> SecretFile.read(VARIABLE, file))
                .isInstanceOf(SettingException.class)
                .hasMessageStartingWith(VARIABLE + "=" + file)
                .hasMessageContaining(reason)
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void aValueOrAFileButNotBoth() throws Exception {
        Path file = Files.writeString(dir.resolve("p"), "from-file\n");
        assertThat(SecretFile.choose("ORDERS_NATS_PASSWORD", null, file.toString()).orElseThrow().reveal())
                .isEqualTo("from-file");
        assertThat(SecretFile.choose("ORDERS_NATS_PASSWORD", "from-env", "").orElseThrow().reveal())
                .isEqualTo("from-env");
        assertThat(SecretFile.choose("ORDERS_NATS_PASSWORD", null, null)).isEmpty();
        assertThatThrownBy(() -> SecretFile.choose("ORDERS_NATS_PASSWORD", "from-env", file.toString()))
                .isInstanceOf(SettingException.class)
                .hasMessage("ORDERS_NATS_PASSWORD and ORDERS_NATS_PASSWORD_FILE are both set: set one");
    }

    private Path make(String kind) throws IOException {
        Path file = dir.resolve(kind);
        switch (kind) {
            case "missing" -> { }
            case "empty" -> Files.writeString(file, "");
            case "newline-only" -> Files.writeString(file, "\n");
            case "directory" -> Files.createDirectory(file);
            case "unreadable" -> {
                Files.writeString(file, "topsecret");
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
                assumeFalse(Files.isReadable(file), "root reads every file");
            }
            case "binary" -> Files.write(file, new byte[] {'t', 'o', 'p', (byte) 0xff, (byte) 0xfe});
            case "huge" -> Files.writeString(file, "topsecret".repeat(10_000));
            default -> throw new IllegalArgumentException(kind);
        }
        return file;
    }
}
