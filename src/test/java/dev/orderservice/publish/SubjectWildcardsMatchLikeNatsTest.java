package dev.orderservice.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubjectWildcardsMatchLikeNatsTest {

    @ParameterizedTest
    @CsvSource({"orders, orders, true", "orders, orders.x, false", "orders.*, orders.x, true",
            "orders.*, orders, false", "orders.*, orders.x.y, false", "orders.>, orders.x.y, true",
            "orders.>, orders, false", ">, orders, true", "*, orders, true", "*.x, orders.x, true",
            "order, orders, false"})
    void matches(String pattern, String subject, boolean expected) {
        assertThat(Subjects.matches(pattern, subject)).isEqualTo(expected);
    }
}
