package dev.orderservice.config;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;

/**
 * A logback encoder around another (the text pattern or the JSON encoder) that passes each
 * finished line through {@link Redaction#process()}: the message, its arguments, the exception
 * and its stack trace, whatever the format. The line is redacted after encoding, so a secret in
 * a JSON line is caught in its escaped form too (Redaction registers that form).
 *
 * <pre>{@code
 * <encoder class="dev.orderservice.config.RedactingEncoder">
 *   <encoder class="ch.qos.logback.classic.encoder.PatternLayoutEncoder"><pattern>...</pattern></encoder>
 * </encoder>
 * }</pre>
 */
public final class RedactingEncoder extends EncoderBase<ILoggingEvent> {

    private Encoder<ILoggingEvent> encoder;
    private Redaction redaction = Redaction.process();

    /** The encoder whose lines are redacted (logback calls this for the nested element). */
    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    /** For tests: redact with {@code redaction} instead of the process-wide one. */
    void setRedaction(Redaction redaction) {
        this.redaction = redaction;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("RedactingEncoder needs a nested <encoder>");
            return;
        }
        if (!encoder.isStarted()) {
            encoder.start();
        }
        super.start();
    }

    @Override
    public void stop() {
        if (encoder != null) {
            encoder.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return encoder.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] line = encoder.encode(event);
        if (line == null || line.length == 0) {
            return line;
        }
        return redaction.redact(new String(line, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return encoder.footerBytes();
    }
}
