package dev.orderservice.publish;

/**
 * What one {@code publish} run sends: how many messages, how fast, which share of them is invalid
 * or a re-send of an earlier valid order, and the seed that fixes every byte of it. Two runs of the
 * same plan send the same messages in the same order.
 *
 * <p>The fractions become exact counts ({@link #invalidCount()}, {@link #duplicateCount()}), and
 * when there are duplicates at least one valid order is sent first for them to repeat.
 *
 * @param count             messages to send, at least 1
 * @param ratePerSecond     average messages per second; 0 for as fast as the broker acknowledges
 * @param invalidFraction   share of invalid messages of assorted {@link GarbageKind}s, 0 to 1
 * @param duplicateFraction share of re-sends of an already sent valid order, same bytes, 0 to 1
 * @param seed              fixes the content and positions of every message
 * @param dedupIds          true: a valid order's {@code Nats-Msg-Id} is its order_uid, so the broker
 *                          itself drops re-sends within its duplicate window; false: messages carry
 *                          no id, so re-sends reach the service
 */
public record PublishPlan(
        long count, double ratePerSecond, double invalidFraction, double duplicateFraction, long seed,
        boolean dedupIds) {

    public PublishPlan {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, is " + count);
        }
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be 0 (unlimited) or a positive number, is " + ratePerSecond);
        }
        requireFraction("invalid", invalidFraction);
        requireFraction("duplicates", duplicateFraction);
        if (invalidFraction + duplicateFraction > 1) {
            throw new IllegalArgumentException("invalid (" + invalidFraction + ") and duplicates ("
                    + duplicateFraction + ") together must not exceed 1");
        }
    }

    /** All valid, unique orders, as fast as possible, with per-message ids. */
    public static PublishPlan valid(long count, long seed) {
        return new PublishPlan(count, 0, 0, 0, seed, false);
    }

    public long invalidCount() {
        return Math.min(count, Math.round(count * invalidFraction));
    }

    public long duplicateCount() {
        long wanted = Math.min(Math.round(count * duplicateFraction), count - invalidCount());
        // a re-send needs an original: keep one slot for a valid order whenever there are duplicates
        return wanted > 0 && wanted == count - invalidCount() ? wanted - 1 : wanted;
    }

    public long validCount() {
        return count - invalidCount() - duplicateCount();
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a fraction from 0 to 1, is " + value);
        }
    }
}
