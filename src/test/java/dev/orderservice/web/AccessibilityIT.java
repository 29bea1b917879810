package dev.orderservice.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import dev.orderservice.testing.SampleOrders;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * axe-core finds nothing serious or critical on any view of the page: the recent list, an order, the
 * not-found and malformed-id states, search results and an empty search, the rejected list with and
 * without matches. The sign-in view is checked by {@link SignInViewIT} (it needs authentication on).
 */
@ExtendWith(WebEnvironment.class)
@ResourceLock(WebEnvironment.SERVICE)
class AccessibilityIT {

    @Test
    void theListAndTheOrderView(WebEnvironment.Session s) throws Exception {
        String id = SampleOrders.newUid("axe");
        s.publish(SampleOrders.withUid(id));
        s.service().awaitStored(id);

        Page page = s.open("/");
        assertThat(page.getByTestId("recent-row").first()).isVisible();
        assertThat(page.locator("#live-state")).hasAttribute("data-state", "connected");
        assertThat(page.locator("#st-orders")).not().hasText("…");
        Axe.assertNoSeriousViolations(page, "recent list");

        page.locator("[data-testid=recent-row][data-order-uid=\"" + id + "\"] a").click();
        assertThat(page.locator("#order-title")).hasText(id);
        Axe.assertNoSeriousViolations(page, "order");

        page.locator("#raw-toggle").click();
        assertThat(page.getByTestId("order-raw")).isVisible();
        Axe.assertNoSeriousViolations(page, "order raw JSON");
    }

    @Test
    void theNotFoundAndMalformedStates(WebEnvironment.Session s) {
        Page page = s.open("/#/orders/" + SampleOrders.newUid("absent"));
        assertThat(page.getByTestId("state-not-found")).isVisible();
        Axe.assertNoSeriousViolations(page, "order not found");

        s.open("/#/orders/not%20an%20id!");
        assertThat(page.getByTestId("state-malformed")).isVisible();
        Axe.assertNoSeriousViolations(page, "malformed order id");
    }

    @Test
    void searchResultsAndAnEmptySearch(WebEnvironment.Session s) throws Exception {
        String id = SampleOrders.newUid("axes");
        String track = "AXE" + id.toUpperCase();
        s.publish(ConsoleOrders.order(id, track, "axe-customer", "axe@example.com", "+1 555 0100",
                "2026-11-30T10:00:00Z"));
        s.service().awaitStored(id);

        Page page = s.open("/#/search?q=" + track);
        assertThat(page.getByTestId("result-row")).hasCount(1);
        Axe.assertNoSeriousViolations(page, "search results");

        s.open("/#/search?q=NOSUCHTRACK" + id.toUpperCase());
        assertThat(page.getByTestId("results-msg")).hasText("No orders match this search.");
        Axe.assertNoSeriousViolations(page, "empty search");

        s.open("/#/search?q=" + track + "&from=2026-12-05&to=2026-12-01");
        assertThat(page.getByTestId("results-msg")).containsText("refused");
        Axe.assertNoSeriousViolations(page, "refused search");
    }

    @Test
    void theRejectedListWithAndWithoutMatches(WebEnvironment.Session s) throws Exception {
        String marker = SampleOrders.newUid("axerej");
        s.publish(("not json " + marker).getBytes(StandardCharsets.UTF_8));
        s.service().awaitBodyContaining("/api/rejected", marker);

        Page page = s.open("/#/rejected");
        assertThat(page.getByTestId("rejected-row").first()).isVisible();
        Axe.assertNoSeriousViolations(page, "rejected list");

        s.open("/#/rejected?from=2001-01-01&to=2001-01-02");
        assertThat(page.getByTestId("rejected-msg")).hasText("No rejected messages match these filters.");
        Axe.assertNoSeriousViolations(page, "rejected list, nothing matches");
    }
}
