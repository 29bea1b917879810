package dev.orderservice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link StreamEraser#orderUid}: the top-level order_uid, as far as the payload parses, never a nested one. */
class ErasureFindsTheOrderIdOfAnyPayloadTest {

    private static String uid(String payload) {
        return StreamEraser.orderUid(payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheTopLevelFieldWherEverItIs() {
        assertThat(uid("{\"order_uid\":\"a1\",\"x\":1}")).isEqualTo("a1");
        assertThat(uid("{\"items\":[{\"order_uid\":\"nested\"}],\"delivery\":{\"order_uid\":\"n2\"},\"order_uid\":\"b2\"}"))
                .isEqualTo("b2");
    }

    @Test
    void readsItFromAPayloadThatBreaksOffAfterIt() {
        assertThat(uid("{\"order_uid\":\"c3\",\"track_number\": ")).isEqualTo("c3");
    }

    @Test
    void findsNoneInGarbageOrAnotherType() {
        assertThat(uid("not json")).isNull();
        assertThat(uid("[\"order_uid\",\"x\"]")).isNull();
        assertThat(uid("{\"order_uid\":7}")).isNull();
        assertThat(uid("{\"size\":\"order_uid\"}")).isNull();
    }
}
