package dev.orderservice.bench;

import dev.orderservice.model.Order;
import dev.orderservice.model.OrderJson;
import dev.orderservice.publish.Garbage;
import dev.orderservice.publish.MessageSequence;
import dev.orderservice.publish.OrderGenerator;
import dev.orderservice.publish.PublishPlan;

/** The messages the decode benchmarks feed the decoder: valid 3-item orders, and publish --invalid's garbage mix. */
final class DecodeCorpus {

    private static final int ITEMS = 3;

    private DecodeCorpus() {
    }

    /** {@code count} canonical orders of exactly three items each (the generator makes one to five). */
    static Order[] threeItemOrders(int count, long seed) {
        OrderGenerator generator = new OrderGenerator(seed);
        Order[] orders = new Order[count];
        for (long index = 0, found = 0; found < count; index++) {
            Order order = generator.order(index);
            if (order.items().size() == ITEMS) {
                orders[(int) found++] = order;
            }
        }
        return orders;
    }

    static byte[][] messages(Order[] orders) {
        byte[][] messages = new byte[orders.length][];
        for (int i = 0; i < orders.length; i++) {
            messages[i] = OrderJson.write(orders[i]);
        }
        return messages;
    }

    /** Every kind of garbage, weighted as {@code publish --invalid} sends it. */
    static byte[][] garbage(int count, long seed) {
        MessageSequence sequence = new MessageSequence(new PublishPlan(count, 0, 1, 0, seed, false), new Garbage());
        byte[][] messages = new byte[count][];
        for (int i = 0; i < count; i++) {
            messages[i] = sequence.next().payload();
        }
        return messages;
    }
}
