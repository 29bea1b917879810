package dev.orderservice.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLinesNeverCarryASecretTest {

    private static final String SECRET = "s3cr\"et-pw";

    private final LoggerContext context = new LoggerContext();
    private final Redaction redaction = new Redaction().register(Secret.of(SECRET));

    LogLinesNeverCarryASecretTest() {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @Test
    void textAndJsonLinesAreRedactedWithTheirExceptions() {
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setPattern("%msg%n%ex");
        JsonEncoder json = new JsonEncoder();
        json.setWithFormattedMessage(true);
        for (Encoder<ILoggingEvent> inner : List.<Encoder<ILoggingEvent>>of(text, json)) {
            inner.setContext(context);
            RedactingEncoder encoder = new RedactingEncoder();
            encoder.setContext(context);
            encoder.setEncoder(inner);
            encoder.setRedaction(redaction);
            encoder.start();

            String line = new String(encoder.encode(event()), StandardCharsets.UTF_8);

            assertThat(line).doesNotContain("s3cr").doesNotContain("hunter").doesNotContain("pw-in-url")
                    .contains(Redaction.MASK).containsAnyOf("nats://orders:****@nats:4222",
                            "nats:\\/\\/orders:****@nats:4222");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void logbackXmlNestsTheFormatEncoder() throws Exception {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream("""
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder class="dev.orderservice.config.RedactingEncoder">
                      <encoder class="ch.qos.logback.classic.encoder.PatternLayoutEncoder">
                        <pattern>%msg%n%nopex</pattern>
                      </encoder>
                    </encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="out"/></root>
                </configuration>
                """.getBytes(StandardCharsets.UTF_8)));
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .noneMatch(status -> status.getLevel() >= Status.WARN);
        OutputStreamAppender<ILoggingEvent> out = (OutputStreamAppender<ILoggingEvent>)
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("out");
        RedactingEncoder encoder = (RedactingEncoder) out.getEncoder();
        assertThat(encoder.isStarted()).isTrue();
        encoder.setRedaction(redaction);
        assertThat(new String(encoder.encode(event()), StandardCharsets.UTF_8))
                .isEqualTo("cannot log in to nats://orders:****@nats:4222 with ****" + System.lineSeparator());
    }

    private ILoggingEvent event() {
        Logger logger = context.getLogger("test");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN,
                "cannot log in to {} with {}", new IllegalStateException("refused: " + SECRET + " hunter2"),
                new Object[] {"nats://orders:pw-in-url@nats:4222", SECRET});
        redaction.register(Secret.of("hunter2"));
        return event;
    }
}
