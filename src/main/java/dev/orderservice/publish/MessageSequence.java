package dev.orderservice.publish;

import dev.orderservice.model.Order;
import dev.orderservice.model.OrderJson;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The messages of a {@link PublishPlan}, made one at a time so a run of millions needs no memory
 * for them.
 *
 * <p>Positions are drawn by selection sampling: at each position the chance of each kind is its
 * remaining count over the remaining positions, so the counts come out exactly as planned and the
 * kinds are spread evenly. Valid orders are {@code OrderGenerator(seed).order(0..validCount-1)} in
 * that order, so a run's valid orders can be regenerated from its seed alone; garbage is built from
 * orders at indexes far above those, so its order ids never clash with a valid one.
 */
public final class MessageSequence implements Iterator<OutgoingMessage> {

    private static final long MIX_SALT = 0x6D6978L;
    private static final long GARBAGE_SALT = 0x67617262616765L;
    /** Garbage is made from orders at 2^62 + index: never one of the valid ordinals 0..count-1. */
    private static final long GARBAGE_BASE_INDEX = 1L << 62;

    private final PublishPlan plan;
    private final OrderGenerator orders;
    private final Garbage garbage;
    private final List<GarbageKind> kinds;
    private final int[] cumulativeWeights;
    private final RandomGenerator mix;
    private long index;
    private long invalidLeft;
    private long duplicatesLeft;
    private long validSent;

    public MessageSequence(PublishPlan plan, Garbage garbage) {
        this(plan, garbage, EnumSet.allOf(GarbageKind.class));
    }

    /** @param kinds the kinds of garbage to send, for brokers that cannot take some (say, oversized) */
    public MessageSequence(PublishPlan plan, Garbage garbage, Set<GarbageKind> kinds) {
        if (kinds.isEmpty() && plan.invalidCount() > 0) {
            throw new IllegalArgumentException("invalid messages were asked for but no kind of them is allowed");
        }
        this.plan = plan;
        this.orders = new OrderGenerator(plan.seed());
        this.garbage = garbage;
        this.kinds = List.copyOf(EnumSet.copyOf(kinds.isEmpty() ? EnumSet.allOf(GarbageKind.class) : kinds));
        this.cumulativeWeights = new int[this.kinds.size()];
        int total = 0;
        for (int i = 0; i < this.kinds.size(); i++) {
            total += this.kinds.get(i).weight();
            cumulativeWeights[i] = total;
        }
        this.mix = new SplittableRandom(Seeds.mix(plan.seed() ^ MIX_SALT));
        this.invalidLeft = plan.invalidCount();
        this.duplicatesLeft = plan.duplicateCount();
    }

    @Override
    public boolean hasNext() {
        return index < plan.count();
    }

    @Override
    public OutgoingMessage next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the plan has " + plan.count() + " messages");
        }
        long at = index++;
        return switch (nextKind(at)) {
            case VALID -> {
                long ordinal = validSent++;
                yield message(at, MessageKind.VALID, orders.order(ordinal), ordinal);
            }
            case DUPLICATE -> {
                duplicatesLeft--;
                long ordinal = mix.nextLong(validSent);
                yield message(at, MessageKind.DUPLICATE, orders.order(ordinal), ordinal);
            }
            case INVALID -> {
                invalidLeft--;
                yield invalid(at);
            }
        };
    }

    /**
     * Every branch takes a kind whose remaining count is positive, so the counts end at exactly
     * zero. Before the first valid order a draw for a duplicate sends a valid order instead: the plan
     * always keeps one for that, and it must come first.
     */
    private MessageKind nextKind(long at) {
        long draw = mix.nextLong(plan.count() - at);
        if (draw < invalidLeft) {
            return MessageKind.INVALID;
        }
        if (draw < invalidLeft + duplicatesLeft && validSent > 0) {
            return MessageKind.DUPLICATE;
        }
        return MessageKind.VALID;
    }

    private static OutgoingMessage message(long at, MessageKind kind, Order order, long ordinal) {
        return new OutgoingMessage(at, kind, null, order.orderUid(), ordinal, OrderJson.write(order));
    }

    private OutgoingMessage invalid(long at) {
        RandomGenerator random = Seeds.random(plan.seed(), GARBAGE_SALT, at);
        GarbageKind kind = pickKind(random);
        Order base = orders.order(GARBAGE_BASE_INDEX + at);
        return new OutgoingMessage(at, MessageKind.INVALID, kind, null, -1, garbage.make(kind, base, random));
    }

    private GarbageKind pickKind(RandomGenerator random) {
        int draw = random.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (draw < cumulativeWeights[i]) {
                return kinds.get(i);
            }
        }
        throw new IllegalStateException("a draw below the total weight always lands on a kind");
    }
}
