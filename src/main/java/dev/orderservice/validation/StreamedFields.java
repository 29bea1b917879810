package dev.orderservice.validation;

import java.util.List;

/**
 * The values {@link OnePassReader} took from one JSON object, each at its field's slot. It keeps
 * only values that keep their field's rules (the reader gives up on any other), so the getters
 * just hand them over; what can still fail is a rule across fields, noted for the whole message.
 */
final class StreamedFields implements FieldSource {

    private final Shape shape;
    private final StreamedFields message;
    private final Object[] values;
    private final long[] integers;
    private int seen;
    private boolean broken;

    /** The fields of one object of a message; {@code message} is its top-level object, null for that one itself. */
    StreamedFields(Shape shape, StreamedFields message) {
        this.shape = shape;
        this.message = message == null ? this : message;
        this.values = new Object[shape.size()];
        this.integers = new long[shape.size()];
    }

    StreamedFields message() {
        return message;
    }

    boolean has(int slot) {
        return (seen & 1 << slot) != 0;
    }

    /** Whether every field of the shape has a value. */
    boolean complete() {
        return seen == (int) ((1L << shape.size()) - 1);
    }

    /** Keeps {@code text} when it is a value of the field; false when it is not. */
    boolean put(Field.Text field, String text) {
        return field.problem(text) == null && keep(field.slot(), text);
    }

    boolean put(Field.Integral field, long value) {
        if (!field.holds(value)) {
            return false;
        }
        integers[field.slot()] = value;
        seen |= 1 << field.slot();
        return true;
    }

    /** Keeps the nested object; false when there is none (the reader gave up in it). */
    boolean put(Field.Nested field, StreamedFields object) {
        return object != null && keep(field.slot(), object);
    }

    /** Keeps the elements; false when there are none (the reader gave up in them) or too few or many. */
    boolean put(Field.NestedList field, List<StreamedFields> elements) {
        return elements != null && field.holds(elements.size()) && keep(field.slot(), elements);
    }

    @Override
    public String text(Field.Text field) {
        return (String) values[field.slot()];
    }

    @Override
    public long integer(Field.Integral field) {
        return integers[field.slot()];
    }

    @Override
    public StreamedFields object(Field.Nested field) {
        return (StreamedFields) values[field.slot()];
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<StreamedFields> objects(Field.NestedList field) {
        return (List<StreamedFields>) values[field.slot()];
    }

    /** Nothing to note: the reader gave up at the first name the shape does not have. */
    @Override
    public void rejectUnknown() {
    }

    @Override
    public void fail(String name, String reason) {
        message.broken = true;
    }

    @Override
    public boolean sound() {
        return !message.broken;
    }

    /** Slots are passed as numbers: {@code slot()} called through {@link Field} is a call to one of four types. */
    private boolean keep(int slot, Object value) {
        values[slot] = value;
        seen |= 1 << slot;
        return true;
    }
}
