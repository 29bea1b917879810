package dev.orderservice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RedactionMasksEveryCredentialTest {

    static Stream<Arguments> structural() {
        return Stream.of(
                Arguments.of("nats://127.0.0.1:4222", "nats://127.0.0.1:4222"),
                Arguments.of("nats://orders:s3cret@nats:4222", "nats://orders:****@nats:4222"),
                Arguments.of("tls://t0ken@nats.example:4443", "tls://****@nats.example:4443"),
                Arguments.of("nats://a:p1@h1:4222,nats://b:p2@h2:4222,nats://h3:4222",
                        "nats://a:****@h1:4222,nats://b:****@h2:4222,nats://h3:4222"),
                Arguments.of("a:p1@h1:4222, b:p2@h2:4222", "a:****@h1:4222, b:****@h2:4222"),
                Arguments.of("NATS is unreachable at nats://u:pw@h:4222 (timeout)",
                        "NATS is unreachable at nats://u:****@h:4222 (timeout)"),
                Arguments.of("jdbc:postgresql://db:5432/orders", "jdbc:postgresql://db:5432/orders"),
                Arguments.of("jdbc:postgresql://app:pw@db:5432/orders", "jdbc:postgresql://app:****@db:5432/orders"),
                Arguments.of("jdbc:postgresql://db/orders?user=app&password=pw&ssl=true",
                        "jdbc:postgresql://db/orders?user=app&password=****&ssl=true"),
                Arguments.of("jdbc:postgresql://db/orders?password=pw", "jdbc:postgresql://db/orders?password=****"),
                Arguments.of("jdbc:postgresql://db/orders?sslmode=verify-full&sslpassword=kp&sslkey=/k.pk8",
                        "jdbc:postgresql://db/orders?sslmode=verify-full&sslpassword=****&sslkey=/k.pk8"),
                Arguments.of("jdbc:postgresql://db/orders?PASSWORD=pw;ssl=true",
                        "jdbc:postgresql://db/orders?PASSWORD=****;ssl=true"),
                Arguments.of("https://orders.example/api/orders?limit=10", "https://orders.example/api/orders?limit=10"),
                Arguments.of("mail ops@example.com", "mail ops@example.com"),
                Arguments.of("{\"url\":\"nats:\\/\\/u:pw@h:4222\"}", "{\"url\":\"nats:\\/\\/u:****@h:4222\"}"),
                Arguments.of("", ""));
    }

    @ParameterizedTest
    @MethodSource("structural")
    void credentialsInUrlsAreMaskedWithoutRegistering(String text, String redacted) {
        assertThat(new Redaction().redact(text)).isEqualTo(redacted);
    }

    static Stream<Arguments> registered() {
        return Stream.of(
                Arguments.of("hunter2", "login failed for hunter2 at db", "login failed for **** at db"),
                Arguments.of("hunter2", "hunter2hunter2", "********"),
                Arguments.of("p@ss word", "url nats://u:p%40ss+word@h", "url nats://u:****@h"),
                Arguments.of("p@ss word", "{\"msg\":\"bad p@ss word\"}", "{\"msg\":\"bad ****\"}"),
                Arguments.of("q\"uote", "{\"msg\":\"bad q\\\"uote\"}", "{\"msg\":\"bad ****\"}"),
                Arguments.of("tok", "the tok in the middle, tokens too", "the **** in the middle, ****ens too"));
    }

    @ParameterizedTest
    @MethodSource("registered")
    void aRegisteredSecretIsMaskedWhereverItStands(String secret, String text, String redacted) {
        assertThat(new Redaction().register(Secret.of(secret)).redact(text)).isEqualTo(redacted);
    }

    @Test
    void aSecretContainingAnotherIsMaskedWhole() {
        Redaction redaction = new Redaction().register(Secret.of("abc")).register(Secret.of("xxabcxx"));
        assertThat(redaction.redact("a xxabcxx b abc")).isEqualTo("a **** b ****");
    }

    @ParameterizedTest(name = "{0} shows as {1}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://db:5432/orders?user=app&password=secret   | jdbc:postgresql://db:5432/orders",
            "nats://token@n1:4222,nats://user:pw@n2:4222                 | nats://n1:4222,nats://n2:4222"})
    void addressesShownOnPurposeLoseTheWholeLogin(String address, String shown) {
        assertThat(address.startsWith("jdbc") ? Redaction.jdbcUrl(address) : Redaction.natsUrls(address))
                .isEqualTo(shown);
    }

    @Test
    void nullStaysNull() {
        assertThat(new Redaction().redact(null)).isNull();
    }

    @Test
    void aSecretNeverPrints() {
        Secret secret = Secret.of("hunter2");
        assertThat(secret).hasToString(Redaction.MASK);
        assertThat(String.valueOf(new Holder(secret))).doesNotContain("hunter2");
        assertThat(secret.matches("hunter2")).isTrue();
        assertThat(secret.matches("hunter3")).isFalse();
        assertThat(secret.matches(null)).isFalse();
        assertThat(secret).isEqualTo(Secret.of("hunter2")).isNotEqualTo(Secret.of("hunter"));
        assertThat(secret.hashCode()).isEqualTo(Secret.of("other").hashCode());
    }

    private record Holder(Secret password) {
    }
}
