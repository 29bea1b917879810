package dev.orderservice.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderservice.hostile.ValidEdges;
import dev.orderservice.json.Json;
import dev.orderservice.publish.OrderGenerator;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Messages made by hand at the places where a streaming reader and a tree could part: field order,
 * repeated names at each level, nulls, numbers at and past every bound and in every JSON spelling,
 * escapes (surrogate pairs, lone surrogates, NUL), whitespace, what follows the object, nesting,
 * item counts, encodings. Each is one edit of a valid generated order.
 */
final class HandMadeMessages {

    record Message(String label, byte[] payload) {
    }

    /** Where a field sits, and a JSON literal to give it. */
    private record Edit(String label, Function<ObjectNode, ObjectNode> target, String field, String literal) {
    }

    private static final String PLACEHOLDER = "__hand_made__";
    /** A member whose name and value become the edit's: appended last, so a repeated name follows the first. */
    private static final String EXTRA = "__extra__";
    private static final List<String> NUMBERS = List.of("0", "-0", "1", "1.0", "1e3", "1E3", "1e0", "-1", "0.0", "-0.0",
            "9007199254740991", "9007199254740992", "9223372036854775807", "9223372036854775808",
            "18446744073709551616", "-9223372036854775808", "100", "101", "00", "01", "+1", "0x10", ".5", "1.",
            "1" + "0".repeat(63), "1" + "0".repeat(64), "\"1\"", "true", "null", "[]", "{}", "[1]");
    private static final List<String> TEXTS = List.of("\"\"", "\" \"", "\"a\"", "\"\\u0041\\u0062\"",
            "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\\ude00\"", "\"\\ude00\\ud83d\"", "\"a\\u0000b\"", "\"\\u0000\"",
            "\"\\ud83dx\"", "\"x\\udbff\\udfff\"", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\u00e9\u4e2d\"",
            "\"" + "x".repeat(64) + "\"", "\"" + "x".repeat(65) + "\"", "\"" + "x".repeat(255) + "\"",
            "\"" + "x".repeat(256) + "\"", "\"" + "\\ud83d\\ude00".repeat(32) + "\"",
            "\"" + "\\ud83d\\ude00".repeat(32) + "x\"", "\"USD\"", "\"usd\"", "\"a@b\"", "\"@b\"",
            "\"2021-11-26T06:22:19Z\"", "\"2021-11-26T06:22:19.5+03:00\"", "\"1969-12-31T23:59:59Z\"",
            "\"2021-11-26T06:22:19+03\"", "\"2021-02-29T06:22:19Z\"", "\"x\u0001y\"", "1", "null", "true", "[]",
            "{}", "[\"a\"]");

    private HandMadeMessages() {
    }

    static List<Message> all() {
        List<Message> messages = new ArrayList<>();
        OrderGenerator generator = new OrderGenerator(41);
        ObjectNode order = Json.mapper().valueToTree(generator.order(0));
        for (Edit edit : edits()) {
            for (String literal : literals(edit.literal())) {
                messages.add(new Message(edit.label() + " " + edit.field() + " = " + literal,
                        literal(order, edit.target(), edit.field(), literal)));
            }
        }
        repeatedNames(order, messages);
        framing(order, messages);
        shapes(order, messages);
        return messages;
    }

    /** Every field of every object, given every literal of its kind and of the other. */
    private static List<Edit> edits() {
        List<Edit> edits = new ArrayList<>();
        addFields(edits, "order", o -> o, OrderContract.ORDER);
        addFields(edits, "delivery", o -> (ObjectNode) o.get("delivery"), OrderContract.Delivery.SHAPE);
        addFields(edits, "payment", o -> (ObjectNode) o.get("payment"), OrderContract.Payment.SHAPE);
        addFields(edits, "first item", o -> (ObjectNode) o.get("items").get(0), OrderContract.Item.SHAPE);
        addFields(edits, "last item", o -> (ObjectNode) o.get("items").get(o.get("items").size() - 1),
                OrderContract.Item.SHAPE);
        return edits;
    }

    private static void addFields(List<Edit> edits, String label, Function<ObjectNode, ObjectNode> target, Shape shape) {
        ObjectNode sample = target.apply(Json.mapper().valueToTree(new OrderGenerator(41).order(0)));
        sample.fieldNames().forEachRemaining(name -> edits.add(new Edit(label, target, name,
                shape.field(name) instanceof Field.Integral ? "numbers" : "texts")));
    }

    private static List<String> literals(String kind) {
        List<String> all = new ArrayList<>(kind.equals("numbers") ? NUMBERS : TEXTS);
        all.addAll(kind.equals("numbers") ? List.of("\"x\"", "\"\"") : List.of("0", "-0", "1.5"));
        return all;
    }

    /** The same name twice, with the same value and with another, in each object; and names that differ only so. */
    private static void repeatedNames(ObjectNode order, List<Message> messages) {
        List<Edit> targets = List.of(new Edit("order", o -> o, "order_uid", null),
                new Edit("order", o -> o, "sm_id", null), new Edit("order", o -> o, "items", null),
                new Edit("delivery", o -> (ObjectNode) o.get("delivery"), "email", null),
                new Edit("payment", o -> (ObjectNode) o.get("payment"), "amount", null),
                new Edit("item", o -> (ObjectNode) o.get("items").get(0), "track_number", null),
                new Edit("order", o -> o, "delivery", null), new Edit("order", o -> o, "payment", null));
        for (Edit edit : targets) {
            JsonNode same = edit.target().apply(order).get(edit.field());
            for (String literal : List.of(json(same), "null", "\"other\"", "1")) {
                messages.add(new Message("repeated " + edit.label() + "." + edit.field() + " = " + literal,
                        extra(order, edit.target(), edit.field(), literal)));
            }
        }
        for (String name : List.of("Order_uid", "order_uid ", "order\\u005fuid", "unknown", "", "\\u0000")) {
            messages.add(new Message("member named " + name, extra(order, o -> o, name, "\"x\"")));
        }
        // an escaped name is the same name: the order again, or a repeat when added to it
        String escaped = new String(bytes(order), StandardCharsets.UTF_8).replace("\"order_uid\"", "\"order\\u005fuid\"");
        messages.add(new Message("escaped name", escaped.getBytes(StandardCharsets.UTF_8)));
    }

    /** What surrounds the object: whitespace, a byte-order mark, other encodings, whatever follows it. */
    private static void framing(ObjectNode order, List<Message> messages) {
        byte[] json = bytes(order);
        String text = new String(json, StandardCharsets.UTF_8);
        for (String before : List.of("", " ", "\n", "\r\n", "\t", "\uFEFF", "\f", "\u00a0", "\u0000", "x", "[", "{")) {
            for (String after : List.of("", " ", " \n\t\r ", "}", "]", "{}", "[]", "0", "null", "x", ",", "//",
                    "/* */", "\u0000", "\f", "\u00a0", " " + text)) {
                messages.add(new Message("framed " + escape(before) + "|" + escape(after),
                        (before + text + after).getBytes(StandardCharsets.UTF_8)));
            }
        }
        String pretty = order.toPrettyString();
        messages.add(new Message("pretty", pretty.getBytes(StandardCharsets.UTF_8)));
        messages.add(new Message("pretty with tabs and CRLF",
                pretty.replace("  ", "\t").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        for (Charset charset : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16,
                Charset.forName("UTF-32BE"), Charset.forName("UTF-32LE"))) {
            messages.add(new Message("encoded " + charset, text.getBytes(charset)));
            // all ASCII, so no byte is refused as UTF-8 and Jackson reads the encoding it detects
            messages.add(new Message("ASCII, encoded " + charset,
                    text.replaceAll("[^\\x00-\\x7f]", "x").getBytes(charset)));
        }
        for (int cut : new int[] {1, json.length / 2, json.length - 1}) {
            messages.add(new Message("cut at " + cut, Arrays.copyOf(json, cut)));
        }
    }

    /** Objects and arrays where they should not be, too deep, too few or too many. */
    private static void shapes(ObjectNode order, List<Message> messages) {
        String item = json(order.get("items").get(0));
        for (String literal : List.of("[]", "[{}]", "[null]", "[1]", "[[]]", "{}", "null", "[" + item + ",]",
                "[" + item + "," + item + "]", "[" + item + "] ", "[ " + item + " , " + item + " ]")) {
            messages.add(new Message("items = " + literal, literal(order, o -> o, "items", literal)));
        }
        String deep = "{\"a\":".repeat(20) + "1" + "}".repeat(20);
        String deepArray = "[".repeat(20) + "]".repeat(20);
        for (String where : List.of("delivery", "payment", "items", "sm_id", "locale")) {
            messages.add(new Message("deep object as " + where, literal(order, o -> o, where, deep)));
            messages.add(new Message("deep array as " + where, literal(order, o -> o, where, deepArray)));
        }
        messages.add(new Message("deep unknown member", extra(order, o -> o, "deep", deep)));
        messages.add(new Message("deep in an item", extra(order, o -> (ObjectNode) o.get("items").get(0), "x", deep)));
        for (int count : new int[] {1, 999, 1000, 1001}) {
            messages.add(new Message(count + " items", bytes(ValidEdges.withItems(order.deepCopy(), count))));
        }
        messages.add(new Message("an array of the order", ("[" + json(order) + "]").getBytes(StandardCharsets.UTF_8)));
        for (String root : List.of("{}", "[]", "null", "\"order\"", "1", "true", " ")) {
            messages.add(new Message("root " + root, root.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The order with {@code field} of the target object set to a JSON literal. */
    private static byte[] literal(ObjectNode order, Function<ObjectNode, ObjectNode> target, String field, String literal) {
        ObjectNode copy = order.deepCopy();
        target.apply(copy).put(field, PLACEHOLDER);
        return bytes(copy, "\"" + PLACEHOLDER + "\"", literal);
    }

    /** The order with one more member, {@code "name":literal}, last in the target object. */
    private static byte[] extra(ObjectNode order, Function<ObjectNode, ObjectNode> target, String name, String literal) {
        ObjectNode copy = order.deepCopy();
        target.apply(copy).put(EXTRA, PLACEHOLDER);
        return bytes(copy, "\"" + EXTRA + "\":\"" + PLACEHOLDER + "\"", "\"" + name + "\":" + literal);
    }

    private static byte[] bytes(ObjectNode tree, String placeholder, String literal) {
        String text = new String(bytes(tree), StandardCharsets.UTF_8);
        return text.replace(placeholder, literal).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(JsonNode tree) {
        try {
            return Json.mapper().writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static String json(JsonNode tree) {
        return new String(bytes(tree), StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.codePoints().mapToObj(c -> c < 0x21 || c > 0x7e ? String.format("\\u%04x", c) : Character.toString(c))
                .reduce("", String::concat);
    }
}
