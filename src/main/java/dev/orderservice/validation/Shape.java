package dev.orderservice.validation;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The fields one JSON object of an order may carry, found by name, each at the slot it was added
 * at (the model's order), so the one-pass reader can keep values in arrays instead of maps. Fields
 * are added only while {@link OrderContract} initialises; class initialisation publishes the
 * finished shape to every thread, and nothing changes it after.
 */
final class Shape {

    /** The one-pass reader keeps the fields it has seen as bits of an int. */
    private static final int MAX_FIELDS = Integer.SIZE;

    private final Map<String, Field> byName = new HashMap<>();
    private final Field[] bySlot = new Field[MAX_FIELDS];
    private final SerializableString[] encodedNames = new SerializableString[MAX_FIELDS];
    private int size;

    /** The field of this name, or null. */
    Field field(String name) {
        return byName.get(name);
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    Field at(int slot) {
        return bySlot[slot];
    }

    /** The name of the field at {@code slot} as the parser can match it against the input's bytes. */
    SerializableString encodedName(int slot) {
        return encodedNames[slot];
    }

    /** The slot that follows {@code slot} in the model's order; the first after the last. */
    int slotAfter(int slot) {
        return slot + 1 == size ? 0 : slot + 1;
    }

    int size() {
        return size;
    }

    Field.Text text(String name, int minChars, int maxChars) {
        return text(name, minChars, maxChars, any -> true, "");
    }

    Field.Text text(String name, int minChars, int maxChars, Predicate<String> rule, String ruleDescription) {
        return add(new Field.Text(size, name, minChars, maxChars, rule, ruleDescription));
    }

    Field.Integral integral(String name, long min, long max) {
        return add(new Field.Integral(size, name, min, max));
    }

    Field.Nested nested(String name, Shape shape) {
        return add(new Field.Nested(size, name, shape));
    }

    Field.NestedList nestedList(String name, Shape shape, int minCount, int maxCount) {
        return add(new Field.NestedList(size, name, shape, minCount, maxCount));
    }

    private <F extends Field> F add(F field) {
        if (size == MAX_FIELDS || byName.putIfAbsent(field.name(), field) != null) {
            throw new IllegalStateException("a shape holds up to " + MAX_FIELDS + " distinct names: " + field.name());
        }
        bySlot[size] = field;
        encodedNames[size] = new SerializedString(field.name());
        size++;
        return field;
    }
}
