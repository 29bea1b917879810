package dev.orderservice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Redaction} and the settings records' toString: an address leaves the process without its login. */
class SettingsNeverShowCredentialsTest {

    @ParameterizedTest(name = "{0} shows as {1}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://db:5432/orders                            | jdbc:postgresql://db:5432/orders",
            "jdbc:postgresql://db:5432/orders?user=app&password=secret   | jdbc:postgresql://db:5432/orders",
            "jdbc:postgresql://db/orders?sslmode=require                 | jdbc:postgresql://db/orders"})
    void jdbcUrlsLoseTheirParameters(String url, String shown) {
        assertThat(Redaction.jdbcUrl(url)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0} shows as {1}")
    @CsvSource(delimiter = '|', value = {
            "nats://127.0.0.1:4222                         | nats://127.0.0.1:4222",
            "nats://user:secret@n1:4222                    | nats://n1:4222",
            "nats://token@n1:4222,nats://user:pw@n2:4222   | nats://n1:4222,nats://n2:4222",
            "tls://u:p@n1:4222, nats://n2:4222             | tls://n1:4222, nats://n2:4222"})
    void natsUrlsLoseTheirUserInfo(String urls, String shown) {
        assertThat(Redaction.natsUrls(urls)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0} shows as {1}")
    @CsvSource(delimiter = '|', value = {
            "limit=5&before=12                 | limit=5&before=12",
            "limit=5&access_token=secret       | limit=5&[redacted]",
            "secret&limit=5                    | [redacted]&limit=5",
            "token=secret&phone=%2B1           | [redacted]&phone=%2B1"})
    void queriesKeepOnlyTheParametersTheyAreAllowedToShow(String query, String shown) {
        assertThat(Redaction.query(query, Set.of("limit", "before", "phone"))).isEqualTo(shown);
    }

    @Test
    void settingsPrintWithoutPasswordsOrLogins() {
        var settings = new ConnectionSettings(Path.of("data"),
                new DatabaseSettings("jdbc:postgresql://db/orders?password=p1", "app", Secret.of("p2"), "owner",
                        Secret.of("p3"), null),
                new NatsSettings("nats://user:p4@n1:4222", null));
        assertThat(settings.toString()).contains("jdbc:postgresql://db/orders", "app", "owner", "nats://n1:4222")
                .doesNotContain("p1", "p2", "p3", "p4");
    }

    @Test
    void blankTextIsUnsetSoTheServiceIsEmbedded() {
        assertThat(new DatabaseSettings("  ", " ", null, "", null, null).embedded()).isTrue();
        assertThat(new NatsSettings(" ", "").embedded()).isTrue();
        assertThat(new NatsSettings(" nats://n1:4222 ", null).url()).isEqualTo("nats://n1:4222");
    }
}
