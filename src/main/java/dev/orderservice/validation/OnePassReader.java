package dev.orderservice.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.orderservice.json.Json;
import dev.orderservice.model.Order;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast path of decoding: reads a message in one streaming pass of Jackson's parser into the
 * values of an order, checking each value against its {@link Field} as it comes, without building a
 * tree. It only ever accepts: at the first thing irregular (a parse error, a name unknown or
 * repeated, a missing field, a null, a wrong type, a value out of bounds, totals that do not add
 * up, anything after the object) it gives up, and the tree path judges the message and gives its
 * reasons. So it must accept exactly the orders the tree path accepts, and as the same
 * {@link Order}; {@code OnePassReaderAgreesWithTheTreeTest} holds it to that.
 *
 * <p>The parser has the limits of {@link Json#parse}; duplicate keys are refused by construction,
 * since a name seen before in an object is a reason to give up.
 */
final class OnePassReader {

    private OnePassReader() {
    }

    /**
     * The order {@code payload} plainly is, or null when the tree path must judge it.
     *
     * @throws JsonProcessingException when the bytes are not JSON within the limits: the tree
     *                                 reading, which reads the same tokens in the same order up to
     *                                 there, would fail on them too
     */
    static Order read(byte[] payload) throws JsonProcessingException {
        try (JsonParser parser = Json.parserWithoutDuplicateCheck(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            StreamedFields order = object(parser, OrderContract.ORDER, null);
            if (order == null || parser.nextToken() != null) {
                return null;
            }
            return OrderValidator.order(order);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a byte array cannot fail with I/O", e);
        }
    }

    /**
     * The object the parser is at the start of, or null at anything irregular in it. Publishers send
     * fields in the model's order, as the canonical JSON has them, so each name is first matched
     * byte for byte against the field that comes next in that order, which spares the parser
     * decoding and looking it up; any other name is looked up as it is.
     */
    private static StreamedFields object(JsonParser parser, Shape shape, StreamedFields message) throws IOException {
        StreamedFields fields = new StreamedFields(shape, message);
        int slot = 0;
        while (true) {
            if (!parser.nextFieldName(shape.encodedName(slot))) {
                if (parser.currentToken() != JsonToken.FIELD_NAME) {
                    break;
                }
                Field named = shape.field(parser.currentName());
                if (named == null) {
                    return null;
                }
                slot = named.slot();
            }
            if (fields.has(slot) || !value(parser, shape.at(slot), fields)) {
                return null;
            }
            slot = shape.slotAfter(slot);
        }
        return parser.currentToken() == JsonToken.END_OBJECT && fields.complete() ? fields : null;
    }

    /** Reads the value of {@code field} into {@code fields}; false when it does not keep the field's rules. */
    private static boolean value(JsonParser parser, Field field, StreamedFields fields) throws IOException {
        JsonToken token = parser.nextToken();
        return switch (field) {
            case Field.Text text -> token == JsonToken.VALUE_STRING && fields.put(text, parser.getText());
            case Field.Integral integral -> token == JsonToken.VALUE_NUMBER_INT
                    && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                    && fields.put(integral, parser.getLongValue());
            case Field.Nested nested -> token == JsonToken.START_OBJECT
                    && fields.put(nested, object(parser, nested.shape(), fields.message()));
            case Field.NestedList list -> token == JsonToken.START_ARRAY
                    && fields.put(list, objects(parser, list, fields.message()));
        };
    }

    private static List<StreamedFields> objects(JsonParser parser, Field.NestedList list, StreamedFields message)
            throws IOException {
        List<StreamedFields> elements = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            StreamedFields element = object(parser, list.shape(), message);
            if (element == null) {
                return null;
            }
            elements.add(element);
        }
        return parser.currentToken() == JsonToken.END_ARRAY ? elements : null;
    }
}
