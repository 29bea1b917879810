package dev.orderservice.validation;

import java.util.List;

/**
 * One JSON object of a message as {@link OrderValidator} puts an order together from it: a parsed
 * tree ({@link Fields}, which records a reason for every value that breaks the contract), or the
 * values of one streaming pass ({@link StreamedFields}, which holds only values that keep it). A
 * value that breaks the contract is noted and replaced by a placeholder ("", 0, null, no
 * elements), so a whole order is read even then.
 */
sealed interface FieldSource permits Fields, StreamedFields {

    String text(Field.Text field);

    long integer(Field.Integral field);

    /** The nested object, or null when it is missing or not an object. */
    FieldSource object(Field.Nested field);

    /** The elements of a nested array that are objects, or none when it is missing or not an array. */
    List<? extends FieldSource> objects(Field.NestedList field);

    /** Notes every name this object carries that its shape does not: an order carries exactly the model's fields. */
    void rejectUnknown();

    /** Notes a rule broken by a value that is fine on its own, as totals that do not add up. */
    void fail(String name, String reason);

    /** Whether nothing of the whole message has been noted so far. */
    boolean sound();
}
