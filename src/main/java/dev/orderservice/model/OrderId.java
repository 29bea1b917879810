package dev.orderservice.model;

import java.util.regex.Pattern;

/** The shape of an {@code order_uid}, shared by validation and the HTTP API so both agree. */
public final class OrderId {

    public static final int MAX_CHARS = 64;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0," + (MAX_CHARS - 1) + "}");

    private OrderId() {
    }

    public static boolean isWellFormed(String id) {
        return id != null && id.length() <= MAX_CHARS && SHAPE.matcher(id).matches();
    }

    public static String describe() {
        return "1 to " + MAX_CHARS + " letters, digits, '-' or '_', starting with a letter or digit";
    }
}
