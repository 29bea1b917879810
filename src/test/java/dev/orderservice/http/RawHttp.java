package dev.orderservice.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection over a plain socket, from a chosen local address (on Linux every
 * 127.x.y.z is this machine, so a test can be several clients): full control over when the
 * connection opens and closes, which the JDK's pooled client does not give.
 */
final class RawHttp implements AutoCloseable {

    /** A response's status line and headers (names lower-cased), and its body when it has a length. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    private final Socket socket;
    private final InputStream in;

    /** Connects from {@code localAddress} to 127.0.0.1:{@code port}. */
    RawHttp(String localAddress, int port) throws IOException {
        socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        in = socket.getInputStream();
    }

    /** Sends a GET and reads the answer's head, and its body when it has a Content-Length; waits at most {@code millis}. */
    Answer get(String path, int millis) throws IOException {
        send(path);
        return answer(millis);
    }

    /** Sends a GET without waiting for its answer. */
    void send(String path) throws IOException {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Reads the next answer's head, and its body when it has a Content-Length; waits at most {@code millis}. */
    Answer answer(int millis) throws IOException {
        socket.setSoTimeout(millis);
        String statusLine = line();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
        String body = null;
        if (headers.containsKey("content-length")) {
            byte[] bytes = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
    }

    /** The next line of the stream without its CRLF; for reading an event stream after {@link #get}. */
    String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the connection closed");
            }
            bytes.write(b);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Waits at most {@code millis} for each read from now on (0: for ever). */
    void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
