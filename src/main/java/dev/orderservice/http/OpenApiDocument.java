package dev.orderservice.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.yaml}: the OpenAPI 3 description of this API, a resource of the jar read once.
 * {@code OpenApiMatchesTheRoutesIT} keeps it true to the routes.
 */
final class OpenApiDocument {

    static final String PATH = "/openapi.yaml";
    static final String RESOURCE = "/openapi.yaml";
    private static final Header YAML = HeaderValues.createCached(HeaderNames.CONTENT_TYPE,
            "application/yaml; charset=utf-8");

    private OpenApiDocument() {
    }

    static Handler handler() {
        byte[] document = load();
        return (req, res) -> {
            res.header(YAML);
            res.header(HttpApi.NO_STORE);
            res.send(document);
        };
    }

    private static byte[] load() {
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
