package dev.orderservice.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Secrets handed over as files (container platforms mount them under {@code /run/secrets}): every
 * secret variable {@code X} has a variant {@code X_FILE} naming a file that holds it. The file's
 * trailing line breaks are dropped (editors and {@code echo} add one); anything else is the secret.
 * Errors name the variable and the path and never the content.
 */
public final class SecretFile {

    /** A secret file larger than this is a wrong path (a certificate bundle, a log), not a password. */
    static final long MAX_BYTES = 64 * 1024;

    private SecretFile() {
    }

    /**
     * The secret of {@code variable}: from {@code value} (the variable or its flag) or from
     * {@code file} (the {@code _FILE} variable or its flag); empty when neither is set. The secret
     * is registered with {@link Redaction#process()}: from here on no output carries it.
     *
     * @throws SettingException when both are set, or the file cannot be used
     */
    public static Optional<Secret> choose(String variable, String value, String file) throws SettingException {
        boolean hasValue = value != null && !value.isEmpty();
        boolean hasFile = file != null && !file.isBlank();
        if (hasValue && hasFile) {
            throw new SettingException(variable + " and " + variable + "_FILE are both set: set one");
        }
        if (!hasValue && !hasFile) {
            return Optional.empty();
        }
        Secret secret = hasFile ? read(variable + "_FILE", Path.of(file.strip())) : Secret.of(value);
        Redaction.process().register(secret);
        return Optional.of(secret);
    }

    /**
     * Reads the secret in {@code file}, which {@code variable} names; the caller registers it for
     * redaction ({@link #choose} does).
     *
     * @throws SettingException when the file is missing, unreadable, too large, not UTF-8 or empty
     */
    public static Secret read(String variable, Path file) throws SettingException {
        String where = variable + "=" + file;
        try {
            if (Files.isDirectory(file)) {
                throw new SettingException(where + " is a directory, not a file with the secret");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new SettingException(where + " is larger than " + MAX_BYTES + " bytes: not a secret file");
            }
            String content = stripLineBreaks(StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString());
            if (content.isEmpty()) {
                throw new SettingException(where + " is empty");
            }
            return Secret.of(content);
        } catch (NoSuchFileException e) {
            throw new SettingException(where + ": no such file");
        } catch (AccessDeniedException e) {
            throw new SettingException(where + ": permission denied");
        } catch (CharacterCodingException e) {
            throw new SettingException(where + " is not UTF-8 text");
        } catch (IOException e) {
            throw new SettingException(where + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String stripLineBreaks(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }
}
