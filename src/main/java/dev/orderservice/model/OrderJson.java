package dev.orderservice.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one place that turns JSON into trees and orders into bytes.
 *
 * <p>Parsing is hostile-input safe: nesting depth, string and number lengths are capped and
 * duplicate keys are an error, so a crafted message costs bounded memory and time. Writing is
 * canonical: compact, model field order, so the same order always gives the same bytes. Those
 * bytes are what the cache holds and what conflict detection hashes.
 */
public final class OrderJson {

    /** Deeper than any real order (which nests 3 levels): anything past this is garbage. */
    public static final int MAX_NESTING_DEPTH = 16;
    public static final int MAX_STRING_CHARS = 1 << 20;
    public static final int MAX_NUMBER_CHARS = 64;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .addModule(new com.fasterxml.jackson.module.blackbird.BlackbirdModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_CHARS)
                .maxNumberLength(MAX_NUMBER_CHARS)
                .build());
    }

    private static final ObjectWriter ORDER_WRITER = MAPPER.writerFor(Order.class);

    private OrderJson() {
    }

    /** The shared mapper, configured as above; for JSON the service writes that is not an order. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses untrusted bytes into a tree.
     *
     * @throws JsonProcessingException when the bytes are not one well-formed JSON value within limits
     */
    public static JsonNode parse(byte[] bytes) throws JsonProcessingException {
        try {
            return MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a byte array cannot fail with I/O", e);
        }
    }

    /** The canonical bytes of an order: compact JSON with the model's field names and order. */
    public static byte[] write(Order order) {
        try {
            return ORDER_WRITER.writeValueAsBytes(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an Order record always serialises", e);
        }
    }

    /**
     * Reads canonical bytes back into an order; only for bytes this class wrote.
     *
     * @throws IllegalArgumentException when the bytes are not an order
     */
    public static Order read(byte[] canonical) {
        try {
            return MAPPER.readValue(canonical, Order.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a canonical order: " + e.getMessage(), e);
        }
    }
}
