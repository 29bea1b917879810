package dev.orderservice;

import io.helidon.logging.common.spi.LoggingProvider;

/**
 * Tells Helidon that logging is already configured (logback through SLF4J, with
 * {@code java.util.logging} bridged in {@link Main}). Without a provider Helidon prints a notice
 * straight to stdout, which would be the one line of a JSON log that is not JSON.
 */
public final class HelidonLogging implements LoggingProvider {

    @Override
    public void initialization() {
        // logback configures itself from logback.xml
    }

    @Override
    public void runTime() {
        // nothing changes between build time and run time
    }
}
