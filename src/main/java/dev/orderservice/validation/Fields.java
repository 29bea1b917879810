package dev.orderservice.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads typed fields out of one JSON object of a parsed tree, recording a reason for each that is
 * missing, of the wrong JSON type or out of bounds. Getters return a placeholder after recording a
 * reason, so a whole order is checked in one pass and every problem is reported, not just the first.
 */
final class Fields implements FieldSource {

    private final JsonNode node;
    private final String path;
    private final List<String> reasons;
    private final Shape shape;

    Fields(JsonNode node, String path, List<String> reasons, Shape shape) {
        this.node = node;
        this.path = path;
        this.reasons = reasons;
        this.shape = shape;
    }

    @Override
    public String text(Field.Text field) {
        JsonNode value = present(field.name());
        if (value == null) {
            return "";
        }
        if (!value.isTextual()) {
            return failed(field.name(), "must be a string, not " + kind(value));
        }
        String text = value.textValue();
        String problem = field.problem(text);
        return problem == null ? text : failed(field.name(), problem);
    }

    @Override
    public long integer(Field.Integral field) {
        JsonNode value = present(field.name());
        if (value == null) {
            return 0;
        }
        if (!value.isIntegralNumber()) {
            fail(field.name(), "must be an integer, not " + kind(value));
            return 0;
        }
        if (!value.canConvertToLong() || !field.holds(value.longValue())) {
            fail(field.name(), "must be between " + field.min() + " and " + field.max() + ", is " + value.asText());
            return 0;
        }
        return value.longValue();
    }

    @Override
    public Fields object(Field.Nested field) {
        JsonNode value = present(field.name());
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            fail(field.name(), "must be an object, not " + kind(value));
            return null;
        }
        return new Fields(value, qualified(field.name()), reasons, field.shape());
    }

    @Override
    public List<Fields> objects(Field.NestedList field) {
        JsonNode value = present(field.name());
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            fail(field.name(), "must be an array, not " + kind(value));
            return List.of();
        }
        if (!field.holds(value.size())) {
            fail(field.name(), "must have " + field.minCount() + " to " + field.maxCount() + " elements, has "
                    + value.size());
            return List.of();
        }
        List<Fields> elements = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String elementPath = qualified(field.name()) + "[" + i + "]";
            if (element.isObject()) {
                elements.add(new Fields(element, elementPath, reasons, field.shape()));
            } else {
                reasons.add(elementPath + ": must be an object, not " + kind(element));
            }
        }
        return elements;
    }

    @Override
    public void rejectUnknown() {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!shape.has(name)) {
                reasons.add(qualified(abbreviate(name)) + ": unknown field");
            }
        }
    }

    @Override
    public void fail(String name, String reason) {
        reasons.add(qualified(name) + ": " + reason);
    }

    @Override
    public boolean sound() {
        return reasons.isEmpty();
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

    /** Records the reason; the placeholder for a text. */
    private String failed(String name, String reason) {
        fail(name, reason);
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
}
