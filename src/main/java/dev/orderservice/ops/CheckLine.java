package dev.orderservice.ops;

/**
 * One line of the {@code check} report.
 *
 * @param ok   whether this part is usable as it is
 * @param name what was checked, e.g. "PostgreSQL login"
 * @param text what was found; for a failure also what to do
 */
record CheckLine(boolean ok, String name, String text) {

    static CheckLine ok(String name, String text) {
        return new CheckLine(true, name, text);
    }

    static CheckLine fail(String name, String text) {
        return new CheckLine(false, name, text);
    }

    String render() {
        return (ok ? "ok    " : "FAIL  ") + name + ": " + text;
    }
}
