package dev.orderservice.publish;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from a run's seed and a message's position, so any single
 * message can be regenerated without replaying the ones before it.
 */
final class Seeds {

    /** An odd constant (2^64 / golden ratio): {@code seed + index * GOLDEN} is injective in index. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** A bijective 64-bit mix (Stafford variant 13), so distinct inputs always give distinct outputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Distinct indexes of one seed give distinct values: both steps are bijections. */
    static long at(long seed, long index) {
        return mix(seed + index * GOLDEN);
    }

    /** The random stream for one purpose ({@code salt}) at one position of one seed. */
    static SplittableRandom random(long seed, long salt, long index) {
        return new SplittableRandom(mix(at(seed, index) ^ mix(salt)));
    }
}
