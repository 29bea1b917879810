package dev.orderservice.validation;

import java.util.function.Predicate;

/**
 * One field of one of an order's JSON objects: its name, what its value must be, and its slot in
 * that object ({@link Shape}). Each rule of the contract is stated here once and applied by both
 * readers of a message, the tree validator and the one-pass reader.
 */
sealed interface Field permits Field.Text, Field.Integral, Field.Nested, Field.NestedList {

    String name();

    int slot();

    /**
     * A string of {@code minChars} to {@code maxChars} UTF-16 units that PostgreSQL can store, and
     * that meets {@code rule} (described for people by {@code ruleDescription}).
     */
    record Text(int slot, String name, int minChars, int maxChars, Predicate<String> rule, String ruleDescription)
            implements Field {

        /** Why {@code text} is not a value of this field, or null when it is one. */
        String problem(String text) {
            if (text.length() < minChars) {
                return minChars == 1 ? "must not be empty" : "must have at least " + minChars + " characters";
            }
            if (text.length() > maxChars) {
                return "must have at most " + maxChars + " characters, has " + text.length();
            }
            if (!isStorable(text)) {
                return "contains a NUL character or an unpaired surrogate";
            }
            return rule.test(text) ? null : ruleDescription;
        }

        /** PostgreSQL text cannot hold NUL, and an unpaired surrogate cannot be stored as UTF-8 faithfully. */
        static boolean isStorable(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == 0 || Character.isSurrogate(c)) {
                    if (c == 0 || Character.isLowSurrogate(c) || i + 1 == text.length()
                            || !Character.isLowSurrogate(text.charAt(i + 1))) {
                        return false;
                    }
                    i++;
                }
            }
            return true;
        }
    }

    /** A JSON integer from {@code min} to {@code max}. */
    record Integral(int slot, String name, long min, long max) implements Field {

        boolean holds(long value) {
            return value >= min && value <= max;
        }
    }

    /** A JSON object of the given shape. */
    record Nested(int slot, String name, Shape shape) implements Field {
    }

    /** A JSON array of {@code minCount} to {@code maxCount} objects of the given shape. */
    record NestedList(int slot, String name, Shape shape, int minCount, int maxCount) implements Field {

        boolean holds(int count) {
            return count >= minCount && count <= maxCount;
        }
    }
}
