package dev.orderservice.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /openapi.yaml}: the OpenAPI 3 description of this API, a resource of the jar read once.
 * {@code OpenApiMatchesTheRoutesIT} keeps it true to the routes.
 */
final class OpenApiDocument {

    static final String PATH = "/openapi.yaml";
    static final String RESOURCE = "/openapi.yaml";
    private static final HttpField YAML = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE,
            "application/yaml; charset=utf-8");

    private OpenApiDocument() {
    }

    static void send(byte[] document, Response res, Callback callback) {
        res.getHeaders().put(YAML);
        res.getHeaders().put(HttpApi.NO_STORE);
        res.write(true, ByteBuffer.wrap(document), callback);
    }

    static byte[] load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
