package dev.orderservice.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderCacheTest {

    @Test
    void weighedSizeNeverExceedsTheBudget() {
        OrderCache cache = new OrderCache(100_000);
        for (int i = 0; i < 10_000; i++) {
            cache.put("order" + i, new byte[835]);
            cache.settle();
            assertThat(cache.usedBytes()).isLessThanOrEqualTo(100_000);
        }
        assertThat(cache.size()).isLessThan(110);
    }

    @Test
    void putIfAbsentKeepsTheEntryThatIsThere() {
        OrderCache cache = new OrderCache(1_000_000);
        byte[] first = {1};
        cache.put("a", first);
        cache.putIfAbsent("a", new byte[] {2});
        assertThat(cache.get("a")).isSameAs(first);
    }
}
