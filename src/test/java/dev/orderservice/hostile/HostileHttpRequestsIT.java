package dev.orderservice.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.ServiceProcess;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile HTTP requests against the packaged service, through java.net.http and as raw bytes on a
 * socket: every one is answered with a 4xx problem body that names no internals (or, when the
 * bytes are not HTTP at all, the connection is closed), and the service keeps serving.
 */
class HostileHttpRequestsIT {

    private static final String CLOSE = "Connection: close\r\n\r\n";
    @RegisterExtension
    static final RealServices services = new RealServices();
    private static ServiceProcess service;
    private static Clients clients;

    @BeforeAll
    static void startService() throws Exception {
        service = ServiceProcess.external(services.postgres().newDatabase(), services.nats().url(), "hostile-http",
                Map.of()).startAndAwaitReady();
        clients = new Clients(service.httpPort());
    }

    @AfterAll
    static void stopService() throws Exception {
        service.close();
    }

    @AfterEach
    void serviceStillServesAndLoggedNoServerError() throws Exception {
        assertThat(service.isAlive()).as("the service process is alive").isTrue();
        assertThat(service.get("/health/live").statusCode()).isEqualTo(200);
        // what the routes log when they answer 500
        assertThat(Files.readString(service.log())).doesNotContain("unexpected error answering");
    }

    @Test
    void malformedAndOversizedOrderIdsAreRefused() throws Exception {
        for (String id : List.of("a".repeat(65), "a".repeat(3000), "-leading-dash", "has%20space", "%00", "%ff%fe",
                "%C0%AF", "%e2%80%aeRTL", "%F0%9F%98%80", "%ED%A0%80", "x%23y", "x%3B", "%2e", "%25", "%27%22%3C%3E")) {
            clients.get("/api/orders/" + id).isProblem();
        }
        clients.get("/api/orders/" + "a".repeat(65)).hasStatus(400);
        clients.get("/api/orders/nosuchorder").isProblem().hasStatus(404);
        // 100 KB is past what the server reads as a request line: a problem or a closed connection
        clients.get("/api/orders/" + "a".repeat(100_000)).isProblemOrClosed().leaksNothing();
        clients.raw("GET /api/orders/" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: x\r\n" + CLOSE, "raw 100 KB id")
                .isProblemOrClosed().leaksNothing();
    }

    @Test
    void badPercentEncodingIsRefused() throws Exception {
        for (String path : List.of("/api/orders/%zz", "/api/orders/%", "/api/orders/%e", "/api/orders?limit=%zz",
                "/api/rejected?before=%", "/metrics?%", "/%zz", "/js/%")) {
            clients.raw("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + CLOSE, "raw GET " + path).isProblem();
        }
    }

    @Test
    void pathTraversalNeverLeavesTheApiOrTheWebFolder() throws Exception {
        List<String> paths = List.of("/api/orders/../../etc/passwd", "/api/orders/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/api/orders/..%2f..%2fetc%2fpasswd", "/..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd",
                "//etc/passwd", "//api//orders//..//..//etc/passwd", "/js/../../../etc/passwd",
                "/js/%2e%2e/%2e%2e/order-service.properties", "/webjars/../../etc/passwd",
                "/webjars/bootstrap/../../../../etc/passwd",
                "/webjars/bootstrap/%2e%2e/%2e%2e/%2e%2e/%2e%2e/META-INF/MANIFEST.MF", "/order-service.properties",
                "/logback.xml", "/db/migration/V1__orders.sql", "/META-INF/MANIFEST.MF",
                "/dev/orderservice/Main.class", "/web/index.html", "/index.html%00.js", "/api/orders/..");
        for (String path : paths) {
            clients.raw("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + CLOSE, "raw GET " + path).isProblem();
            clients.get(path).isProblem();
        }
        for (String path : List.of("/api/orders/a\\b", "/js\\..\\..\\etc\\passwd", "/webjars\\..\\..\\pom.xml")) {
            clients.raw("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + CLOSE, "raw GET " + path).isProblem();
        }
    }

    @Test
    void badPagingParametersAreRefused() throws Exception {
        for (String query : List.of("limit=-1", "limit=0", "limit=101", "limit=abc", "limit=", "limit=1e3",
                "limit=99999999999999999999", "limit=%00", "before=%00", "before=-5", "before=0", "before=abc",
                "before=9999999999999999999", "before=" + "9".repeat(3000), "before=1.5", "limit=%2B%2B1")) {
            clients.get("/api/orders?" + query).isProblem().hasStatus(400);
            clients.get("/api/rejected?" + query).isProblem().hasStatus(400);
        }
        // longer than any request line the server reads: a problem (414) or a closed connection
        clients.get("/api/orders?before=" + "9".repeat(20_000)).isProblemOrClosed().leaksNothing();
    }

    @Test
    void otherMethodsAreRefusedWhateverTheirBody() throws Exception {
        byte[] small = "{\"order_uid\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        for (String path : List.of("/api/orders/x", "/api/orders", "/api/rejected", "/", "/health/live")) {
            for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
                clients.send(HttpRequest.newBuilder(clients.uri(path)).method(method, BodyPublishers.ofByteArray(small)),
                        method + " " + path).isProblem().hasStatus(405);
            }
        }
        for (String method : List.of("TRACE", "FOO", "OPTIONS", "PATCH", "DELETE")) {
            clients.raw(method + " /api/orders/x HTTP/1.1\r\nHost: x\r\n" + CLOSE, "raw " + method).isProblem()
                    .hasStatus(405);
        }
        clients.raw("OPTIONS * HTTP/1.1\r\nHost: x\r\n" + CLOSE, "raw OPTIONS *").isProblem().hasStatus(405);
        // Jetty reads a CONNECT's target as host:port whatever it is, so a path there is a malformed CONNECT
        clients.raw("CONNECT /api/orders/x HTTP/1.1\r\nHost: x\r\n" + CLOSE, "raw CONNECT").isProblem()
                .hasStatus(400);
        for (String method : List.of("G@T", "GE\"T", "GET(", "{}")) {
            clients.raw(method + " /api/orders/x HTTP/1.1\r\nHost: x\r\n" + CLOSE, "raw " + method)
                    .isProblemOrClosed().leaksNothing();
        }
    }

    @Test
    void oversizedHeadersGetProblemBodies() throws Exception {
        String big = "a".repeat(20 * 1024);
        clients.send(HttpRequest.newBuilder(clients.uri("/api/orders/x")).header("X-Big", big), "20 KiB header")
                .isProblemOrClosed().leaksNothing();
        clients.raw("GET /api/orders/x HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n" + CLOSE, "raw 20 KiB header")
                .isProblem();
        clients.raw("GET /api/orders/x HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(100_000) + "\r\n" + CLOSE,
                "raw 100 KB header").isProblemOrClosed().leaksNothing();
        StringBuilder many = new StringBuilder("GET /api/orders/x HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 3000; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        clients.raw(many + CLOSE, "raw 3000 headers").isProblem();
    }

    @Test
    void requestBodiesOverTheLimitGetProblemBodies() throws Exception {
        for (int size : new int[] {100_000, 2_000_000}) {
            byte[] body = new byte[size];
            clients.send(HttpRequest.newBuilder(clients.uri("/api/orders/x"))
                    .POST(BodyPublishers.ofByteArray(body)), "POST " + size + " bytes").isProblemOrClosed()
                    .leaksNothing();
            clients.send(HttpRequest.newBuilder(clients.uri("/api/orders"))
                    .PUT(BodyPublishers.ofByteArray(body)), "PUT " + size + " bytes").isProblemOrClosed()
                    .leaksNothing();
        }
        byte[] head = ("POST /api/orders/x HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n" + CLOSE)
                .getBytes(StandardCharsets.US_ASCII);
        clients.raw(concat(head, new byte[100_000]), "raw POST declaring 2 MB").isProblem().hasStatus(413);
        clients.raw("GET /api/orders/x HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n" + CLOSE
                + "a".repeat(100_000), "raw GET with a 100 KB body").isProblem();
    }

    @Test
    void malformedHttpIsRefusedWithA400Problem() throws Exception {
        Map<String, String> malformed = Map.ofEntries(
                Map.entry("no Host", "GET /api/orders/x HTTP/1.1\r\n" + CLOSE),
                Map.entry("two Hosts", "GET /api/orders/x HTTP/1.1\r\nHost: a\r\nHost: b\r\n" + CLOSE),
                Map.entry("header without colon", "GET /api/orders/x HTTP/1.1\r\nHost: a\r\nBad Header\r\n" + CLOSE),
                Map.entry("control bytes in a header", "GET /api/orders/x HTTP/1.1\r\nHost: a\r\nX: \u0000\u0001\r\n" + CLOSE),
                Map.entry("folded header", "GET /api/orders/x HTTP/1.1\r\nHost: a\r\n folded: x\r\n" + CLOSE),
                Map.entry("Content-Length abc", "GET /api/orders/x HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n" + CLOSE),
                Map.entry("Content-Length -1", "GET /api/orders/x HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n" + CLOSE),
                Map.entry("Content-Length and chunked", "GET /api/orders/x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
                        + "Transfer-Encoding: chunked\r\n" + CLOSE + "0\r\n\r\n"),
                Map.entry("CONNECT to another host", "CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: a\r\n" + CLOSE));
        for (var request : malformed.entrySet()) {
            clients.raw(request.getValue(), request.getKey()).isProblem().hasStatus(400);
        }
    }

    @Test
    void bytesThatAreNotHttpAreRefusedOrTheConnectionClosed() throws Exception {
        Map<String, String> notHttp = Map.of(
                "garbage line", "GARBAGE\r\n\r\n",
                "method only", "GET\r\n\r\n",
                "HTTP/0.9", "GET /api/orders/x\r\n\r\n",
                "HTTP/9.9", "GET /api/orders/x HTTP/9.9\r\nHost: a\r\n" + CLOSE,
                "HTTP/2.0 as text", "GET /api/orders/x HTTP/2.0\r\nHost: a\r\n" + CLOSE,
                "LF line ends", "GET /api/orders/x HTTP/1.1\nHost: a\nConnection: close\n\n",
                "HTTP/2 preface then junk", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + "\u0000".repeat(30));
        for (var request : notHttp.entrySet()) {
            clients.raw(request.getValue(), request.getKey()).isProblemOrClosed().leaksNothing();
        }
        clients.raw(new byte[] {0, 1, 2, (byte) 0xFF, (byte) 0xFE, '\r', '\n', '\r', '\n'}, "binary bytes")
                .isProblemOrClosed().leaksNothing();
    }

    @Test
    void oddAcceptHeadersChangeNothing() throws Exception {
        for (String accept : List.of("text/html", "application/xml", "*/*;q=abc", ";;;,,,/", "image/png;q=0",
                "application/json;q=0", "x/y,".repeat(2000), "\u00ff\u00fe")) {
            clients.raw("GET /api/orders/nosuchorder HTTP/1.1\r\nHost: a\r\nAccept: " + accept + "\r\n" + CLOSE,
                    "raw Accept " + Clients.abbreviate(accept)).isProblem().hasStatus(404);
            if (accept.chars().allMatch(c -> c < 128)) {
                clients.send(HttpRequest.newBuilder(clients.uri("/api/orders/bad%20id")).header("Accept", accept),
                        "Accept " + Clients.abbreviate(accept)).isProblem().hasStatus(400);
                Answer listing = clients.send(HttpRequest.newBuilder(clients.uri("/api/orders?limit=1"))
                        .header("Accept", accept), "listing with Accept " + Clients.abbreviate(accept));
                assertThat(listing.status()).as(listing.request()).isEqualTo(200);
                assertThat(listing.contentType()).as(listing.request()).startsWith("application/json");
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
