package dev.orderservice.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The service's one JSON mapper, for every body it reads or writes: messages, orders, HTTP
 * answers, listings, the live feed. Names are snake_case, times ISO-8601, output compact.
 *
 * <p>Reading is hostile-input safe: nesting depth, string and number lengths are capped and
 * duplicate keys are an error, so a crafted message costs bounded memory and time.
 */
public final class Json {

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
            .addModule(new JavaTimeModule())
            .addModule(new BlackbirdModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_CHARS)
                .maxNumberLength(MAX_NUMBER_CHARS)
                .build());
    }

    /**
     * The same reading, but duplicate keys found as the tree is built (an object's key replacing
     * another) rather than by the parser keeping a set of every object's names: a seventh of the
     * parse. It refuses exactly what the strict parser refuses, since the tree holds every object
     * of the input; only its error messages differ, so {@link #parse} reports the strict one. A
     * mapper of its own: a reader {@code without} the parser feature still gets parsers whose
     * root context carries the factory's duplicate detector.
     */
    private static final ObjectMapper TREES = MAPPER.copy()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    static {
        TREES.getFactory().disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        TREES.getFactory().setStreamReadConstraints(MAPPER.getFactory().streamReadConstraints());
    }

    private Json() {
    }

    /** The shared mapper, configured as above; thread-safe. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes a value on a generator of the mapper, field by field, where databind would cost more. */
    @FunctionalInterface
    public interface GeneratorWrites {
        void writeOn(JsonGenerator json) throws IOException;
    }

    /**
     * The bytes that {@code writes} puts on a generator of the mapper (its features, so as the
     * mapper's own {@code writeValueAsBytes} would write the same value), in buffers taken from
     * the factory's pool as that method takes them.
     *
     * @throws IllegalStateException when {@code writes} fails, which writing to memory never does
     *                               but for a bug
     */
    public static byte[] bytes(GeneratorWrites writes) {
        BufferRecycler buffers = MAPPER.getFactory()._getBufferRecycler();
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(buffers)) {
            try (JsonGenerator json = MAPPER.createGenerator(bytes)) {
                writes.writeOn(json);
            }
            return bytes.getClearAndRelease();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory failed", e);
        } finally {
            buffers.releaseToPool();
        }
    }

    /**
     * A streaming parser over untrusted bytes, bounded as {@link #parse} is (nesting depth, string
     * and number lengths) and, like its tree reading, without the parser's set of every object's
     * names: it does NOT refuse a duplicate key. The caller must, as the one-pass order reader does
     * by giving up on any name it has already seen in that object.
     *
     * @throws IOException as {@code JsonFactory.createParser} does (for a byte array, only when
     *                     its encoding cannot be told)
     */
    public static JsonParser parserWithoutDuplicateCheck(byte[] bytes) throws IOException {
        return TREES.createParser(bytes);
    }

    /**
     * Parses untrusted bytes into a tree.
     *
     * @throws JsonProcessingException when the bytes are not one well-formed JSON value within limits
     */
    public static JsonNode parse(byte[] bytes) throws JsonProcessingException {
        try {
            JsonNode tree = TREES.readTree(bytes);
            if (tree != null && tree.isObject()) {
                return tree;
            }
        } catch (JsonProcessingException e) {
            // read again below: the strict parser's message is the one reported
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a byte array cannot fail with I/O", e);
        }
        // whatever is not an object (rare, and never an order) is read exactly as before
        return parseStrictly(bytes);
    }

    /**
     * Parses as {@link #parse} does when its tree reading refuses the bytes: by the strict parser,
     * whose message is the one reported. For a caller that already knows that reading would fail,
     * such as one whose own parser of {@link #parserWithoutDuplicateCheck} failed on the same bytes.
     *
     * @throws JsonProcessingException when the bytes are not one well-formed JSON value within limits
     */
    public static JsonNode parseStrictly(byte[] bytes) throws JsonProcessingException {
        try {
            return MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a byte array cannot fail with I/O", e);
        }
    }
}
