package dev.orderservice.publish;

import static dev.orderservice.publish.Catalog.pick;

import dev.orderservice.model.Order;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Realistic, valid, internally consistent orders, a pure function of (seed, index): the same pair
 * always gives the same order, byte for byte, and any order can be regenerated on its own. That is
 * what lets a test know exactly what a run sent without keeping it, and makes re-running a seed a
 * harmless redelivery rather than a conflict.
 *
 * <p>Within one seed, distinct indexes give distinct {@code order_uid}s (the uid starts with a
 * bijective hash of the index); different seeds collide only by 64-bit chance.
 */
public final class OrderGenerator {

    public static final int MAX_ITEMS_PER_ORDER = 5;
    private static final long ORDER_SALT = 0x6F72646572L;
    private static final long FIRST_SECOND = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST_SECOND = Instant.parse("2025-12-31T23:59:59Z").getEpochSecond();
    private static final long MAX_PAYMENT_LEAD_SECONDS = 120;
    /** "+" and country code included: +7 and ten digits, +972 and eight. */
    private static final int PHONE_CHARS = 12;
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String HEX = "0123456789abcdef";

    private final long seed;

    public OrderGenerator(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The order at {@code index} of this seed; any long is a valid index. */
    public Order order(long index) {
        RandomGenerator random = Seeds.random(seed, ORDER_SALT, index);
        String uid = orderUid(index, random);
        String trackNumber = "WBIL" + chars(UPPER, 10, random);
        List<Order.Item> items = items(trackNumber, random);
        long goodsTotal = items.stream().mapToLong(Order.Item::totalPrice).sum();
        long created = random.nextLong(FIRST_SECOND, LAST_SECOND + 1);
        return new Order(uid, trackNumber, "WBIL", delivery(random), payment(uid, goodsTotal, created, random),
                items, pick(Catalog.LOCALES, random), "", chars(LOWER_ALNUM, random.nextInt(4, 13), random),
                pick(Catalog.DELIVERY_SERVICES, random), Integer.toString(random.nextInt(10)),
                random.nextLong(1, 1000), Instant.ofEpochSecond(created).toString(),
                Integer.toString(random.nextInt(10)));
    }

    /** 16 hex digits that are unique per index, then 3 or 4 random letters or digits, like model.json's. */
    private String orderUid(long index, RandomGenerator random) {
        String unique = String.format("%016x", Seeds.at(seed, index));
        return unique + chars(LOWER_ALNUM, random.nextInt(3, 5), random);
    }

    private static Order.Delivery delivery(RandomGenerator random) {
        Catalog.Place place = pick(Catalog.PLACES, random);
        String name = pick(Catalog.FIRST_NAMES, random) + " " + pick(Catalog.LAST_NAMES, random);
        String phone = place.phonePrefix() + digits(PHONE_CHARS - place.phonePrefix().length(), random);
        String address = pick(Catalog.STREETS, random) + " " + random.nextInt(1, 200);
        String email = pick(Catalog.EMAIL_HANDLES, random) + random.nextInt(100) + "@"
                + pick(Catalog.EMAIL_DOMAINS, random);
        return new Order.Delivery(name, phone, digits(place.zipDigits(), random), place.city(), address,
                place.region(), email);
    }

    private static Order.Payment payment(String uid, long goodsTotal, long created, RandomGenerator random) {
        long deliveryCost = random.nextInt(4) == 0 ? 0 : random.nextLong(1, 31) * 100;
        long customFee = random.nextInt(5) == 0 ? random.nextLong(1, 500) : 0;
        String requestId = random.nextInt(4) == 0 ? chars(HEX, 12, random) : "";
        long paymentDt = created - random.nextLong(MAX_PAYMENT_LEAD_SECONDS + 1);
        return new Order.Payment(uid, requestId, pick(Catalog.CURRENCIES, random), pick(Catalog.PROVIDERS, random),
                goodsTotal + deliveryCost + customFee, paymentDt, pick(Catalog.BANKS, random), deliveryCost,
                goodsTotal, customFee);
    }

    private static List<Order.Item> items(String trackNumber, RandomGenerator random) {
        int count = random.nextInt(1, MAX_ITEMS_PER_ORDER + 1);
        List<Order.Item> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Catalog.Product product = pick(Catalog.PRODUCTS, random);
            long price = random.nextLong(product.minPrice(), product.maxPrice() + 1);
            long sale = pick(Catalog.SALES_PERCENT, random);
            items.add(new Order.Item(random.nextLong(1_000_000, 10_000_000), trackNumber, price,
                    chars(HEX, 17, random) + "test", product.name(), sale, pick(product.sizes(), random),
                    price * (100 - sale) / 100, random.nextLong(1_000_000, 10_000_000), product.brand(),
                    pick(Catalog.ITEM_STATUSES, random)));
        }
        return items;
    }

    private static String digits(int count, RandomGenerator random) {
        return chars("0123456789", count, random);
    }

    private static String chars(String alphabet, int count, RandomGenerator random) {
        char[] out = new char[count];
        for (int i = 0; i < count; i++) {
            out[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(out);
    }
}
