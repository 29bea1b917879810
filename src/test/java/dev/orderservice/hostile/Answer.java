package dev.orderservice.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderservice.json.Json;
import java.io.IOException;
import java.util.List;

/**
 * What the service answered to one hostile request, from either client, and the checks every
 * such answer must pass: a 4xx problem body that names no internals.
 *
 * @param status      the status code, or -1 when the server closed the connection without answering
 * @param contentType the Content-Type header, or "" when there was none
 */
record Answer(String request, int status, String contentType, String body) {

    /** Words that appear in stack traces and exception messages, never in a problem written for people. */
    private static final List<String> INTERNALS = List.of("Exception", "\tat ", "at java.", "at io.", "at dev.",
            "java.lang", "io.helidon", "org.eclipse.jetty", "dev.orderservice", "com.fasterxml", "org.postgresql", "NullPointer",
            "root:x:0:0");

    static Answer closed(String request) {
        return new Answer(request, -1, "", "");
    }

    boolean wasClosed() {
        return status == -1;
    }

    /** A 4xx answer with a complete problem body whose status matches the response's. */
    Answer isProblem() {
        assertThat(status).as("status of %s (body %s)", request, shortBody()).isBetween(400, 499);
        assertThat(contentType).as("content type of %s", request).startsWith("application/problem+json");
        JsonNode problem = parse();
        assertThat(problem.path("type").isTextual()).as("type of %s: %s", request, body).isTrue();
        assertThat(problem.path("title").isTextual()).as("title of %s: %s", request, body).isTrue();
        assertThat(problem.path("status").asInt()).as("status field of %s", request).isEqualTo(status);
        assertThat(problem.path("detail").asText()).as("detail of %s", request).isNotBlank();
        return leaksNothing();
    }

    /** A problem as above, or the connection closed without a word: for requests that are not HTTP at all. */
    Answer isProblemOrClosed() {
        return wasClosed() ? this : isProblem();
    }

    Answer hasStatus(int expected) {
        assertThat(status).as("status of %s (body %s)", request, shortBody()).isEqualTo(expected);
        return this;
    }

    /** Never a server error, never a stack trace, a Java class name or a file from the machine. */
    Answer leaksNothing() {
        assertThat(status).as("status of %s", request).isLessThan(500);
        for (String internal : INTERNALS) {
            assertThat(body).as("body of %s", request).doesNotContain(internal);
        }
        return this;
    }

    private JsonNode parse() {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError("the body of " + request + " is not JSON: " + shortBody(), e);
        }
    }

    private String shortBody() {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
