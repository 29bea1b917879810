package dev.orderservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ReducedMotion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * axe-core, the accessibility engine, run on the page as it is now: the view under test must have no
 * violation of impact serious or critical. axe-core comes from the npm registry (src/test/axe, installed
 * into target/axe by the build's npm step) and goes into the page through Playwright's evaluate, which
 * DevTools runs outside the page's Content-Security-Policy: the page's own policy stays as served.
 */
final class Axe {

    private static final Path SCRIPT = Path.of(System.getProperty("axe.script",
            "target/axe/node_modules/axe-core/axe.min.js"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile String source;

    private Axe() {
    }

    /** Runs axe-core on the whole document; fails listing each serious or critical violation with its nodes. */
    static void assertNoSeriousViolations(Page page, String view) {
        List<String> problems = seriousViolations(page);
        assertThat(problems).as("axe-core serious/critical violations on the %s view", view).isEmpty();
    }

    static List<String> seriousViolations(Page page) {
        // Colours mid-transition (a button's hover fade, a new row's highlight) are neither the one
        // before nor the one after: with reduced motion the page (and Bootstrap) has none, so axe-core
        // sees the colours people read.
        page.emulateMedia(new Page.EmulateMediaOptions().setReducedMotion(ReducedMotion.REDUCE));
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            page.evaluate("() => {\n" + source() + "\n}");
            page.evaluate("() => { if (!window.axe) { throw new Error('axe-core did not load'); } }");
        }
        String result = (String) page.evaluate("async () => {"
                + " const r = await axe.run(document, {resultTypes: ['violations']});"
                + " return JSON.stringify(r.violations); }");
        List<String> problems = new ArrayList<>();
        try {
            for (JsonNode violation : JSON.readTree(result)) {
                String impact = violation.path("impact").asText();
                if (!impact.equals("serious") && !impact.equals("critical")) {
                    continue;
                }
                StringBuilder line = new StringBuilder(impact + " " + violation.path("id").asText() + ": "
                        + violation.path("help").asText());
                for (JsonNode node : violation.path("nodes")) {
                    line.append("\n    ").append(node.path("target")).append(" ").append(node.path("failureSummary")
                            .asText().replace('\n', ' '));
                }
                problems.add(line.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }

    private static String source() {
        if (source == null) {
            try {
                source = Files.readString(SCRIPT, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("axe-core is missing at " + SCRIPT.toAbsolutePath()
                        + ": the build installs it with npm (mvn verify, pre-integration-test)", e);
            }
        }
        return source;
    }
}
