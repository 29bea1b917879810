package dev.orderservice.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Json#parse} finds duplicate keys as it builds the tree rather than in the parser: it must
 * refuse and accept exactly what the strict parser does, with the strict parser's message.
 */
class MessagesReadAsTheStrictParserReadsThemTest {

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":1}", "{\"a\":{\"b\":1,\"c\":2,\"b\":3}}",
            "{\"items\":[{\"x\":1},{\"x\":1,\"y\":2,\"z\":3,\"x\":4}]}", "{\"a\":1,\"a\":[1,}",
            "{\"a\":1,\"b\":2,\"a\":", "{\"a\":1} {\"b\":2}", "{\"a\":1,\"a\":2} x", "[{\"a\":1,\"a\":2}]",
            "{\"a\":1,\"A\":2,\"a\":3}", "{\"\":1,\"\":2}", "{\"a\":NaN}", "{\"a\":1}}"})
    void refusedWithTheStrictParsersMessage(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        JsonProcessingException strict = catchThrowableOfType(JsonProcessingException.class,
                () -> Json.mapper().readTree(bytes));
        assertThat(strict).as("the strict parser refuses %s", text).isNotNull();
        assertThatThrownBy(() -> Json.parse(bytes)).isInstanceOf(JsonProcessingException.class)
                .satisfies(e -> assertThat(((JsonProcessingException) e).getOriginalMessage())
                        .isEqualTo(strict.getOriginalMessage()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"b\":{\"a\":1},\"c\":[{\"a\":1},{\"a\":2}]}", "{}", "[1,2]", "\"text\"", "12",
            "null", "{\"a\":1,\"A\":2}", "  {\"a\" : [ ] }  "})
    void acceptedAsTheStrictParserReadsThem(String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(Json.parse(bytes)).isEqualTo(Json.mapper().readTree(bytes));
    }
}
