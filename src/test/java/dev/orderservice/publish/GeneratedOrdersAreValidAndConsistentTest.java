package dev.orderservice.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.model.Order;
import dev.orderservice.model.OrderJson;
import dev.orderservice.validation.MessageDecoder;
import dev.orderservice.validation.Verdict;
import java.time.Instant;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class GeneratedOrdersAreValidAndConsistentTest {

    private static final int ORDERS = 20_000;
    private final MessageDecoder decoder = new MessageDecoder(256 * 1024);

    @Test
    void everyGeneratedOrderIsAcceptedWithTheSameContent() {
        OrderGenerator generator = new OrderGenerator(20211126);
        for (long i = 0; i < ORDERS; i++) {
            Order order = generator.order(i);
            byte[] json = OrderJson.write(order);
            Verdict verdict = decoder.decode(json);
            assertThat(verdict).as("order %d: %s", i, verdict).isInstanceOf(Verdict.Accepted.class);
            Verdict.Accepted accepted = (Verdict.Accepted) verdict;
            assertThat(accepted.order()).isEqualTo(order);
            assertThat(accepted.json()).isEqualTo(json);
        }
    }

    @Test
    void amountsAddUpAndItemsCarryTheOrdersTrackNumber() {
        OrderGenerator generator = new OrderGenerator(5);
        for (long i = 0; i < ORDERS; i++) {
            Order order = generator.order(i);
            Order.Payment payment = order.payment();
            assertThat(order.items()).hasSizeBetween(1, OrderGenerator.MAX_ITEMS_PER_ORDER);
            for (Order.Item item : order.items()) {
                assertThat(item.trackNumber()).isEqualTo(order.trackNumber());
                assertThat(item.sale()).isBetween(0L, 100L);
                assertThat(item.totalPrice()).isEqualTo(item.price() * (100 - item.sale()) / 100);
            }
            assertThat(payment.goodsTotal()).isEqualTo(order.items().stream().mapToLong(Order.Item::totalPrice).sum());
            assertThat(payment.amount()).isEqualTo(payment.goodsTotal() + payment.deliveryCost() + payment.customFee());
            assertThat(payment.transaction()).isEqualTo(order.orderUid());
        }
    }

    @Test
    void fieldsLookLikeTheModelOrder() {
        OrderGenerator generator = new OrderGenerator(11);
        for (long i = 0; i < ORDERS; i++) {
            Order order = generator.order(i);
            assertThat(order.orderUid()).matches("[0-9a-f]{16}[a-z0-9]{3,4}");
            assertThat(order.trackNumber()).matches("WBIL[A-Z]{10}");
            assertThat(order.entry()).isEqualTo("WBIL");
            assertThat(order.dateCreated()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            long created = Instant.parse(order.dateCreated()).getEpochSecond();
            assertThat(order.payment().paymentDt()).isBetween(created - 120, created);
            assertThat(order.payment().currency()).matches("[A-Z]{3}");
            assertThat(order.delivery().email()).contains("@");
            assertThat(order.shardkey()).matches("\\d");
            assertThat(order.oofShard()).matches("\\d");
        }
    }

    @Test
    void ordersVaryAndSomeNamesAreNotAscii() {
        OrderGenerator generator = new OrderGenerator(3);
        var orders = LongStream.range(0, 2000).mapToObj(generator::order).toList();
        assertThat(orders).anyMatch(o -> !o.delivery().name().chars().allMatch(c -> c < 128));
        assertThat(orders.stream().map(o -> o.delivery().city()).distinct().count()).isGreaterThan(5);
        assertThat(orders.stream().map(o -> o.items().size()).distinct().count()).isEqualTo(5);
        assertThat(orders.stream().map(o -> o.payment().currency()).distinct().count()).isGreaterThan(1);
    }
}
