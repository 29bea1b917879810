package dev.orderservice.publish;

/** NATS subject wildcards, enough to tell whether a stream captures the subject we publish to. */
public final class Subjects {

    private Subjects() {
    }

    /** {@code *} matches one token, {@code >} one or more trailing tokens; tokens are separated by dots. */
    public static boolean matches(String pattern, String subject) {
        String[] want = pattern.split("\\.", -1);
        String[] have = subject.split("\\.", -1);
        for (int i = 0; i < want.length; i++) {
            if (want[i].equals(">")) {
                return have.length > i;
            }
            if (i >= have.length || !(want[i].equals("*") || want[i].equals(have[i]))) {
                return false;
            }
        }
        return want.length == have.length;
    }
}
