package dev.orderservice.config;

/**
 * A setting cannot be used (a secret file is missing, a certificate file holds no certificate).
 * The message is one line naming the setting and the file, never a secret's content; commands
 * print it and exit with code 2.
 */
public final class SettingException extends Exception {

    public SettingException(String message) {
        super(message);
    }

    public SettingException(String message, Throwable cause) {
        super(message, cause);
    }
}
