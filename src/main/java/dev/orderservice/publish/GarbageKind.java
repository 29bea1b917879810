package dev.orderservice.publish;

import java.util.Locale;

/**
 * The kinds of invalid message {@code publish --invalid} sends: the mistakes real publishers make,
 * from line noise to orders that are well-formed JSON but do not add up. Every kind is rejected by
 * the service; none of them is a conflicting duplicate (that is a valid order, sent by
 * {@code --duplicates}).
 *
 * <p>The weight is how often a kind is chosen relative to the others: oversized messages are rare
 * because each costs hundreds of kilobytes of stream storage.
 */
public enum GarbageKind {
    NOT_JSON(10),
    TRUNCATED_JSON(10),
    EMPTY_OBJECT(5),
    NOT_AN_OBJECT(5),
    MISSING_FIELD(10),
    WRONG_TYPE(10),
    NULL_FIELD(5),
    NEGATIVE_AMOUNT(5),
    INCONSISTENT_TOTALS(10),
    ITEM_TRACK_MISMATCH(5),
    BAD_DATE(5),
    BAD_CURRENCY(5),
    BAD_ORDER_UID(5),
    UNKNOWN_FIELD(10),
    DUPLICATE_KEY(5),
    INVALID_UTF8(5),
    NUL_CHARACTER(5),
    DEEPLY_NESTED(5),
    OVERSIZED(1),
    /** Past 2^53, past a long, negative, fractional, 1e400: numbers JSON allows and the contract does not. */
    OUT_OF_RANGE_NUMBER(5),
    /** A lone UTF-16 surrogate written as a JSON escape: valid JSON, text PostgreSQL cannot keep. */
    UNPAIRED_SURROGATE(5),
    /** Overlong and out-of-range UTF-8 sequences (C0 80, E0 80 AF, F8...) inside a string. */
    OVERLONG_UTF8(3),
    /** More items than an order may have (the elements are tiny, so the message stays small). */
    TOO_MANY_ITEMS(3),
    /** A text field a few to a few thousand characters past its limit. */
    TEXT_TOO_LONG(5);

    private final int weight;

    GarbageKind(int weight) {
        this.weight = weight;
    }

    int weight() {
        return weight;
    }

    /** The stable lower-case name used in reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
