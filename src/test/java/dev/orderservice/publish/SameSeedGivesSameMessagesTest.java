package dev.orderservice.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.model.Order;
import dev.orderservice.model.OrderJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SameSeedGivesSameMessagesTest {

    @Test
    void sameSeedAndIndexGiveTheSameOrderByteForByte() {
        OrderGenerator first = new OrderGenerator(42);
        OrderGenerator second = new OrderGenerator(42);
        for (long i = 0; i < 1000; i++) {
            assertThat(OrderJson.write(second.order(i))).isEqualTo(OrderJson.write(first.order(i)));
        }
    }

    @Test
    void anOrderDoesNotDependOnTheOnesGeneratedBeforeIt() {
        OrderGenerator generator = new OrderGenerator(7);
        Order direct = new OrderGenerator(7).order(500);
        for (long i = 0; i < 500; i++) {
            generator.order(i);
        }
        assertThat(generator.order(500)).isEqualTo(direct);
    }

    @Test
    void differentSeedsGiveDifferentOrders() {
        assertThat(new OrderGenerator(1).order(0).orderUid()).isNotEqualTo(new OrderGenerator(2).order(0).orderUid());
        assertThat(new OrderGenerator(1).order(0)).isNotEqualTo(new OrderGenerator(2).order(0));
    }

    @Test
    void orderUidsAreUniqueWithinASeedAndAcrossNeighbouringSeeds() {
        Set<String> uids = new HashSet<>();
        for (long seed = 0; seed < 4; seed++) {
            OrderGenerator generator = new OrderGenerator(seed);
            for (long i = 0; i < 50_000; i++) {
                assertThat(uids.add(generator.order(i).orderUid())).as("uid of seed %d index %d", seed, i).isTrue();
            }
        }
    }

    @Test
    void aPlanReplaysTheSameMessagesInTheSameOrder() {
        PublishPlan plan = new PublishPlan(2000, 0, 0.2, 0.1, 99, false);
        assertThat(payloads(plan)).containsExactlyElementsOf(payloads(plan));
    }

    @Test
    void theSeedDecidesThePlanContent() {
        PublishPlan one = new PublishPlan(200, 0, 0.2, 0.1, 1, false);
        PublishPlan two = new PublishPlan(200, 0, 0.2, 0.1, 2, false);
        assertThat(payloads(one)).isNotEqualTo(payloads(two));
    }

    private static List<String> payloads(PublishPlan plan) {
        List<String> out = new ArrayList<>();
        new MessageSequence(plan, new Garbage()).forEachRemaining(m ->
                out.add(m.kind() + ":" + HexFormat.of().formatHex(m.payload())));
        return out;
    }
}
