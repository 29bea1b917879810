package dev.orderservice.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderservice.testing.ServiceProcess;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Secure by default: with no authentication configured, serve listens on loopback only; to listen
 * beyond it anyway takes {@code ORDERS_AUTH=none}, which warns at every start; asking for a
 * wider address without either is refused in one line. (Shares the secured service's PostgreSQL
 * and NATS; each service here gets its own database.)
 */
@ExtendWith(SecuredService.Resolver.class)
class ListenAddressIT {

    @Test
    void aWiderAddressWithoutAuthenticationIsRefusedInOneLine(SecuredService s) throws Exception {
        try (ServiceProcess service = open(s, "listen-refused", Map.of("ORDERS_HTTP_HOST", "0.0.0.0")).start()) {
            assertThat(service.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            List<String> said = service.logLines().stream().filter(line -> !line.isBlank())
                    .filter(line -> !line.startsWith("WARNING:")).toList();
            assertThat(said).hasSize(1);
            assertThat(said.get(0)).startsWith("order-service: refusing to serve orders on 0.0.0.0")
                    .contains("ORDERS_AUTH_TOKENS_FILE", "ORDERS_AUTH=none", "ORDERS_HTTP_HOST=127.0.0.1");
        }
    }

    @Test
    void authNoneServesOpenlyBeyondLoopbackAndWarnsAtEveryStart(SecuredService s) throws Exception {
        try (ServiceProcess service = open(s, "listen-auth-none", Map.of("ORDERS_HTTP_HOST", "0.0.0.0",
                "ORDERS_AUTH", "none")).startAndAwaitReady()) {
            assertThat(service.get("/api/orders?limit=1").statusCode()).isEqualTo(200);
            assertThat(service.logLines()).anyMatch(line -> line.contains("listening on http://0.0.0.0:"));
            assertThat(service.logLines()).anyMatch(line -> line.contains("WARN") && line.contains("ORDERS_AUTH=none")
                    && line.contains("anyone who can reach"));
        }
    }

    @Test
    void withNothingSetItListensOnLoopbackOnly(SecuredService s) throws Exception {
        try (ServiceProcess service = open(s, "listen-default", Map.of("ORDERS_HTTP_HOST", "")).startAndAwaitReady()) {
            assertThat(service.get("/api/orders?limit=1").statusCode()).isEqualTo(200);
            assertThat(service.logLines()).anyMatch(line -> line.contains("listening on http://127.0.0.1:")
                    && line.contains("auth none"));
            assertThat(service.logLines()).noneMatch(line -> line.contains("ORDERS_AUTH=none"));
            Optional<InetAddress> outside = nonLoopbackAddress();
            if (outside.isPresent()) {
                assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(outside.get(), service.httpPort()), 2000);
                    }
                }).as("connecting through " + outside.get()).isInstanceOf(IOException.class);
            }
        }
    }

    private static ServiceProcess open(SecuredService s, String name, Map<String, String> env) throws Exception {
        return ServiceProcess.external(s.postgres().newDatabase(), s.nats().url(), name, env);
    }

    /** An address of this machine that is not loopback, when it has one. */
    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces().filter(nic -> {
            try {
                return nic.isUp() && !nic.isLoopback();
            } catch (SocketException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(address -> address instanceof Inet4Address).findFirst();
    }
}
