package dev.orderservice.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads typed fields out of one JSON object, recording a reason for each that is missing, of the
 * wrong JSON type or out of bounds. Getters return a placeholder after recording a reason, so a
 * whole order is checked in one pass and every problem is reported, not just the first.
 */
final class Fields {

    /** Integers above this lose precision in JavaScript clients (2^53 - 1). */
    static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

    private final JsonNode node;
    private final String path;
    private final List<String> reasons;

    Fields(JsonNode node, String path, List<String> reasons) {
        this.node = node;
        this.path = path;
        this.reasons = reasons;
    }

    String text(String name, int minChars, int maxChars) {
        JsonNode value = present(name);
        if (value == null) {
            return "";
        }
        if (!value.isTextual()) {
            return fail(name, "must be a string, not " + kind(value));
        }
        String text = value.textValue();
        if (text.length() < minChars) {
            return fail(name, minChars == 1 ? "must not be empty" : "must have at least " + minChars + " characters");
        }
        if (text.length() > maxChars) {
            return fail(name, "must have at most " + maxChars + " characters, has " + text.length());
        }
        if (!isStorable(text)) {
            return fail(name, "contains a NUL character or an unpaired surrogate");
        }
        return text;
    }

    String text(String name, int minChars, int maxChars, Predicate<String> rule, String ruleDescription) {
        int before = reasons.size();
        String text = text(name, minChars, maxChars);
        if (reasons.size() == before && !rule.test(text)) {
            return fail(name, ruleDescription);
        }
        return text;
    }

    long integer(String name, long min, long max) {
        JsonNode value = present(name);
        if (value == null) {
            return 0;
        }
        if (!value.isIntegralNumber()) {
            fail(name, "must be an integer, not " + kind(value));
            return 0;
        }
        if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            fail(name, "must be between " + min + " and " + max + ", is " + value.asText());
            return 0;
        }
        return value.longValue();
    }

    /** The nested object, or null (with a reason) when it is missing or not an object. */
    Fields object(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            fail(name, "must be an object, not " + kind(value));
            return null;
        }
        return new Fields(value, qualified(name), reasons);
    }

    /** The elements of a nested array as objects to read, or an empty list with a reason. */
    List<Fields> objects(String name, int minCount, int maxCount) {
        JsonNode value = present(name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            fail(name, "must be an array, not " + kind(value));
            return List.of();
        }
        if (value.size() < minCount || value.size() > maxCount) {
            fail(name, "must have " + minCount + " to " + maxCount + " elements, has " + value.size());
            return List.of();
        }
        List<Fields> elements = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String elementPath = qualified(name) + "[" + i + "]";
            if (element.isObject()) {
                elements.add(new Fields(element, elementPath, reasons));
            } else {
                reasons.add(elementPath + ": must be an object, not " + kind(element));
            }
        }
        return elements;
    }

    /** Records a reason for every field not in {@code known}: an order carries exactly the model's fields. */
    void rejectUnknown(Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                reasons.add(qualified(abbreviate(name)) + ": unknown field");
            }
        }
    }

    void check(boolean holds, String name, String reason) {
        if (!holds) {
            fail(name, reason);
        }
    }

    String path() {
        return path;
    }

    private JsonNode present(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            fail(name, "is required");
            return null;
        }
        if (value.isNull()) {
            fail(name, "must not be null");
            return null;
        }
        return value;
    }

    private String fail(String name, String reason) {
        reasons.add(qualified(name) + ": " + reason);
        return "";
    }

    private String qualified(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> value.isIntegralNumber() ? "an integer" : "a fractional number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String abbreviate(String name) {
        String printable = name.codePoints().limit(40)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return name.length() > 40 ? printable + "..." : printable;
    }

    /** PostgreSQL text cannot hold NUL, and an unpaired surrogate cannot be stored as UTF-8 faithfully. */
    static boolean isStorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
