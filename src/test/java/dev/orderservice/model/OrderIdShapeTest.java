package dev.orderservice.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderIdShapeTest {

    @ParameterizedTest
    @ValueSource(strings = {"b563feb7b2b84b6test", "a", "0", "A-b_c"})
    void acceptsAsciiLettersDigitsDashAndUnderscore(String id) {
        assertThat(OrderId.isWellFormed(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-abc", "_abc", "a b", "a/b", "a.b", "..", "a%2e", "é", "a١", "ａ", "a\u0000",
        "a\n"})
    void refusesAnythingElse(String id) {
        assertThat(OrderId.isWellFormed(id)).isFalse();
    }

    @Test
    void refusesNullAndKnowsItsLengthLimit() {
        assertThat(OrderId.isWellFormed(null)).isFalse();
        assertThat(OrderId.isWellFormed("x".repeat(OrderId.MAX_CHARS))).isTrue();
        assertThat(OrderId.isWellFormed("x".repeat(OrderId.MAX_CHARS + 1))).isFalse();
    }
}
