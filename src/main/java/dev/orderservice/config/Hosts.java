package dev.orderservice.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Which listen addresses and URLs stay on this machine. */
public final class Hosts {

    private Hosts() {
    }

    /**
     * Whether the name or address is loopback only ({@code 127.0.0.1}, {@code ::1}, {@code localhost}).
     * The wildcard {@code 0.0.0.0} and a name that does not resolve are not.
     */
    public static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            for (InetAddress address : InetAddress.getAllByName(bare)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
