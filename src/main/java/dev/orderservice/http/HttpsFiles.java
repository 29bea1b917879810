package dev.orderservice.http;

import java.nio.file.Path;

/**
 * The PEM files that make the HTTP port speak HTTPS: {@code ORDERS_HTTP_TLS_CERT_FILE} (the
 * certificate chain, leaf first) and {@code ORDERS_HTTP_TLS_KEY_FILE} (its key, PKCS#8, PKCS#1 or
 * SEC1, unencrypted). Neither holds a secret by its path, so the record prints as it is.
 */
public record HttpsFiles(Path certificateChain, Path privateKey) {
}
