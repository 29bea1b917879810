package dev.orderservice.ops;

/** An operator command cannot go on; the message is one line saying what is wrong and what to do. */
final class CommandFailure extends Exception {

    CommandFailure(String message) {
        super(message);
    }

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
