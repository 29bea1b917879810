package dev.orderservice.config;

/** How settings read text: a variable set to blanks is as good as unset. */
final class Text {

    private Text() {
    }

    static String orNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
