package dev.orderservice.testing;

import dev.orderservice.embedded.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Free TCP ports for the servers tests start, picked as the embedded services pick theirs. The port
 * is free when asked for, not reserved: the server that takes it binds it at once, and a test that
 * needs nothing listening uses it unbound.
 */
public final class Ports {

    private Ports() {
    }

    /** A port nothing listens on right now, chosen by the kernel. */
    public static int free() {
        try {
            return FreePort.pick();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
