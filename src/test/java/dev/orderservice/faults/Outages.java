package dev.orderservice.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** What the service's log must look like after an outage of a dependency: one line, no stack trace. */
final class Outages {

    private Outages() {
    }

    static long linesContaining(List<String> lines, String text) {
        return lines.stream().filter(line -> line.contains(text)).count();
    }

    /**
     * Exactly one line says the dependency is unreachable (the outage is shorter than the service's
     * 30 s reminder interval), and nothing in the log is a stack trace.
     */
    static void assertOneClearLine(List<String> lines, String text) {
        assertThat(lines.stream().filter(line -> line.contains(text)).toList()).as("lines saying '%s'", text)
                .hasSize(1);
        assertThat(lines).as("the service log").noneMatch(line -> line.startsWith("\tat ")
                || line.startsWith("Caused by:") || line.contains("Exception in thread"));
    }
}
