package dev.orderservice.access;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The tokens file: lines by hash, a bad line reported by number and skipped, edits and removal picked up. */
class TokenFileTest {

    @TempDir
    Path dir;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void listen() {
        log.start();
        ((Logger) LoggerFactory.getLogger(TokenFile.class)).addAppender(log);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(TokenFile.class)).detachAppender(log);
    }

    @Test
    void badLinesAreReportedByNumberWithoutTheirTextAndTheRestStillWorks() throws Exception {
        Path file = dir.resolve("tokens");
        Files.write(file, List.of("# comment", "alice orders:read," + "orders:list " + SecuredService.sha256("a-token")
                + "  # trailing comment", "bob orders:read", "carol orders:everything " + SecuredService.sha256("c"),
                "dave ops not-hex-secret", "", "erin ops " + SecuredService.sha256("a-token")));

        TokenFile tokens = TokenFile.load(file);

        TokenFile.Entry alice = tokens.find("a-token");
        assertThat(alice.principal().name()).isEqualTo("alice");
        assertThat(alice.principal().scopes()).isEqualTo(Set.of(Scope.ORDERS_READ, Scope.ORDERS_LIST));
        assertThat(tokens.find("c")).isNull();
        assertThat(tokens.find("a-token" + " ")).isNull();
        List<String> warnings = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).anyMatch(w -> w.contains("line 3: expected NAME SCOPES SHA256HEX, found 2"))
                .anyMatch(w -> w.contains("line 4: unknown scope 'orders:everything'"))
                .anyMatch(w -> w.contains("line 5: the third field must be the token's SHA-256"))
                .anyMatch(w -> w.contains("line 7: the same hash as an earlier line"))
                .noneMatch(w -> w.contains("not-hex-secret"));
    }

    @Test
    void anEditIsPickedUpAndARemovedFileAcceptsNothing() throws Exception {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "alice orders:read " + SecuredService.sha256("one") + "\n");
        TokenFile tokens = TokenFile.load(file);

        Files.writeString(file, "bob ops " + SecuredService.sha256("two") + "\nbob ops " + SecuredService.sha256("three")
                + "\n");
        tokens.reloadIfChanged();
        assertThat(tokens.find("one")).isNull();
        assertThat(tokens.find("two").principal().scopes()).containsExactly(Scope.OPS);
        assertThat(tokens.find("three").principal().name()).isEqualTo("bob");

        Files.delete(file);
        tokens.reloadIfChanged();
        assertThat(tokens.find("two")).isNull();
    }
}
