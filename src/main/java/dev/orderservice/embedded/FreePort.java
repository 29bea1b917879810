package dev.orderservice.embedded;

import java.io.IOException;
import java.net.ServerSocket;

/** A port the embedded services can listen on: one the kernel just handed out, then released. */
public final class FreePort {

    private FreePort() {
    }

    /**
     * @throws IOException when no socket can be opened
     */
    public static int pick() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
