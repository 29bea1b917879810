package dev.orderservice;

/** The service cannot start; the message is one line saying what is wrong and what to do. */
final class StartupException extends Exception {
    StartupException(String message) {
        super(message);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
