package dev.orderservice.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseTlsKeepsWhatTheUrlSaysTest {

    private static final Path CA = Path.of("/run/secrets/db ca.pem");
    private static final String ROOTCERT = "sslrootcert=%2Frun%2Fsecrets%2Fdb+ca.pem";

    static Stream<Arguments> urls() {
        return Stream.of(
                Arguments.of("jdbc:postgresql://db:5432/orders",
                        "jdbc:postgresql://db:5432/orders?sslmode=verify-full&" + ROOTCERT),
                Arguments.of("jdbc:postgresql://db/orders?user=app",
                        "jdbc:postgresql://db/orders?user=app&sslmode=verify-full&" + ROOTCERT),
                Arguments.of("jdbc:postgresql://db/orders?sslmode=disable",
                        "jdbc:postgresql://db/orders?sslmode=disable&" + ROOTCERT),
                Arguments.of("jdbc:postgresql://db/orders?SSLMODE=require",
                        "jdbc:postgresql://db/orders?SSLMODE=require&" + ROOTCERT),
                Arguments.of("jdbc:postgresql://db/orders?sslrootcert=/etc/ca.pem",
                        "jdbc:postgresql://db/orders?sslrootcert=/etc/ca.pem&sslmode=verify-full"),
                Arguments.of("jdbc:postgresql://db/orders?sslmode=verify-ca&sslrootcert=/etc/ca.pem",
                        "jdbc:postgresql://db/orders?sslmode=verify-ca&sslrootcert=/etc/ca.pem"));
    }

    @ParameterizedTest
    @MethodSource("urls")
    void addsVerifyFullWhereTheUrlIsSilent(String url, String expected) {
        assertThat(DatabaseTls.verifyFull(url, CA)).isEqualTo(expected);
    }

    @Test
    void withoutACaFileTheUrlStaysAsItIs() {
        assertThat(DatabaseTls.verifyFull("jdbc:postgresql://db/orders", null)).isEqualTo("jdbc:postgresql://db/orders");
    }
}
