package dev.orderservice.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import dev.orderservice.testing.SampleOrders;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/** At 375 CSS pixels wide (a small phone) no view scrolls sideways and every control is within reach. */
@ExtendWith(WebEnvironment.class)
@ResourceLock(WebEnvironment.SERVICE)
class PhoneWidthIT {

    static final int WIDTH = 375;

    @Test
    void everyViewFitsAPhone(WebEnvironment.Session s) throws Exception {
        String id = SampleOrders.newUid("phone");
        String track = "PHONE" + id.toUpperCase();
        s.publish(ConsoleOrders.order(id, track, "phone-customer", "phone@example.com", "+1 555 0101",
                "2026-11-30T10:00:00Z"));
        s.publish(("not json " + id + " a long payload that must wrap rather than widen the page "
                + "x".repeat(300)).getBytes(StandardCharsets.UTF_8));
        s.service().awaitStored(id);
        s.service().awaitBodyContaining("/api/rejected", id);
        Page page = s.page();
        page.setViewportSize(WIDTH, 812);

        s.open("/");
        assertThat(page.getByTestId("recent-row").first()).isVisible();
        assertFits(page, "recent list", "#search-q", "#search-customer", "#search-from", "#search-to",
                "#search button[type=submit]", "#search-clear", "[data-nav=rejected]");
        s.screenshot("phone-list");

        s.open("/#/orders/" + id);
        assertThat(page.locator("#order-title")).hasText(id);
        assertFits(page, "order", "#raw-toggle", "#order-close");
        s.screenshot("phone-order");

        s.open("/#/search?q=" + track);
        assertThat(page.getByTestId("result-row")).hasCount(1);
        assertFits(page, "search results", "[data-testid=result-row] a", "#results-export");
        s.screenshot("phone-search");

        s.open("/#/rejected");
        assertThat(page.getByTestId("rejected-row").first()).isVisible();
        assertFits(page, "rejected", "#rejected-reason", "#rejected-from", "#rejected-to", "#rejected-refresh",
                "#rejected-filters button[type=submit]");
        s.screenshot("phone-rejected");
    }

    /** No sideways scroll of the page, each control laid out inside the screen's width, nothing for axe-core. */
    private static void assertFits(Page page, String view, String... controls) {
        Axe.assertNoSeriousViolations(page, view + " at phone width");
        Object scroll = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        assertThat(scroll).as("%s: [scrollWidth, clientWidth]", view).asList().satisfies(l ->
                assertThat(((Number) l.get(0)).intValue()).isLessThanOrEqualTo(((Number) l.get(1)).intValue()));
        for (String selector : controls) {
            Locator control = page.locator(selector).first();
            control.scrollIntoViewIfNeeded();
            assertThat(control).isVisible();
            BoundingBox box = control.boundingBox();
            assertThat(box.x).as("%s: %s left edge", view, selector).isGreaterThanOrEqualTo(0);
            assertThat(box.x + box.width).as("%s: %s right edge", view, selector).isLessThanOrEqualTo(WIDTH);
        }
    }
}
