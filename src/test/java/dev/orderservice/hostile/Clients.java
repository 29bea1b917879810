package dev.orderservice.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Two ways to send a hostile request: {@link #raw} writes the exact bytes on a socket, so nothing
 * normalises, encodes or refuses them on the way; {@link #send} goes through java.net.http, the way
 * a well-behaved client would.
 */
final class Clients {

    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int MAX_ANSWER_BYTES = 1 << 20;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    Clients(int port) {
        this.port = port;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** Through java.net.http; a connection the server drops becomes {@link Answer#closed}. */
    Answer send(HttpRequest.Builder request, String label) throws InterruptedException {
        HttpRequest built = request.timeout(Duration.ofSeconds(15)).build();
        // Twice: the client may reuse a pooled connection the server closed just after its last
        // answer (as Jetty does after a request whose body it did not read); a connection the
        // server drops for this request is dropped again.
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
                return new Answer(label, response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(""), response.body());
            } catch (IOException droppedConnection) {
                // once more, on a new connection
            }
        }
        return Answer.closed(label);
    }

    Answer get(String pathAndQuery) throws InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)), "GET " + abbreviate(pathAndQuery));
    }

    /** A request line and headers as given (ASCII), ended by an empty line. */
    Answer raw(String head, String label) throws IOException {
        return raw(head.getBytes(StandardCharsets.ISO_8859_1), label);
    }

    /**
     * Writes the bytes, then reads one answer: until its headers and Content-Length bytes of body
     * are in, the server closes the connection, or it stays quiet for the timeout.
     */
    Answer raw(byte[] request, String label) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException closedWhileWriting) {
                // the server may answer and close before it has read everything (an oversized body)
            }
            return parse(label, readAll(socket.getInputStream()));
        }
    }

    /** Reads until the answer is complete (headers and Content-Length bytes), the server closes, or it goes quiet. */
    private static byte[] readAll(InputStream in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; !complete(bytes.toByteArray()) && (n = in.read(buffer)) > 0; ) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException quiet) {
            // no complete answer within the timeout: what came so far is all there is
        } catch (IOException reset) {
            // reset after the answer, or instead of one
        }
        return bytes.toByteArray();
    }

    private static boolean complete(byte[] bytes) {
        if (bytes.length >= MAX_ANSWER_BYTES) {
            return true;
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        int length = contentLength(text.substring(0, end).split("\r\n"));
        return length >= 0 && bytes.length >= end + 4 + length;
    }

    private static int contentLength(String[] headerLines) {
        for (String line : headerLines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return -1;
    }

    private static Answer parse(String label, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            return Answer.closed(label);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = "";
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                contentType = line.substring("content-type:".length()).trim();
            }
        }
        int contentLength = contentLength(lines);
        String body = text.substring(end + 4);
        if (contentLength >= 0 && body.length() > contentLength) {
            body = body.substring(0, contentLength);
        }
        return new Answer(label, status, contentType, body);
    }

    static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "...(" + text.length() + " chars)" : text;
    }
}
