package dev.orderservice.model;

/** The shape of an {@code order_uid}, shared by validation and the HTTP API so both agree. */
public final class OrderId {

    public static final int MAX_CHARS = 64;

    private OrderId() {
    }

    /**
     * True for 1 to {@link #MAX_CHARS} ASCII letters, digits, '-' or '_', starting with a letter or
     * digit. A plain loop rather than a regex: every GET by id runs it.
     */
    public static boolean isWellFormed(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_CHARS || !isAlphanumeric(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isAlphanumeric(c) && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    public static String describe() {
        return "1 to " + MAX_CHARS + " letters, digits, '-' or '_', starting with a letter or digit";
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
