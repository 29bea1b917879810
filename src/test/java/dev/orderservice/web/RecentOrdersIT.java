package dev.orderservice.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.orderservice.testing.SampleOrders;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The recent-orders list: newest first, paged with the cursor API, and fed live over SSE. */
@ExtendWith(WebEnvironment.class)
@ResourceLock(WebEnvironment.SERVICE)
class RecentOrdersIT {

    private static final int PAGE_SIZE = 20;

    @Test
    void loadMorePagesBackToOlderOrdersAndARowOpensItsOrder(WebEnvironment.Session s) throws Exception {
        List<String> ids = new ArrayList<>();
        // one at a time: two writers may commit consecutive batches in either order, and the list is
        // newest stored first, so each order is stored before the next is published
        for (int i = 0; i < PAGE_SIZE + 5; i++) {
            String id = SampleOrders.newUid("page");
            ids.add(id);
            s.publish(SampleOrders.withUid(id));
            s.service().awaitStored(id);
        }
        Page page = s.open("/");
        Locator rows = page.getByTestId("recent-row");
        assertThat(rows).hasCount(PAGE_SIZE);
        assertThat(rows.first()).hasAttribute("data-order-uid", ids.getLast());
        String oldest = ids.getFirst();
        assertThat(row(page, oldest)).hasCount(0);

        page.locator("#recent-more").click();
        assertThat(row(page, oldest)).hasCount(1);
        assertThat(rows).not().hasCount(PAGE_SIZE);
        s.screenshot("recent-orders");

        row(page, oldest).locator("a").click();
        assertThat(page).hasURL(Pattern.compile("#/orders/" + oldest + "$"));
        assertThat(page.locator("#order-title")).hasText(oldest);
        assertThat(row(page, oldest).locator("a")).hasAttribute("aria-current", "true");
    }

    @Test
    void aNewOrderAppearsWithoutReload(WebEnvironment.Session s) throws Exception {
        Page page = s.open("/");
        assertThat(page.locator("#live-state")).hasAttribute("data-state", "connected");
        String id = SampleOrders.newUid("live");
        s.publish(SampleOrders.withUid(id));

        assertThat(page.getByTestId("recent-row").first()).hasAttribute("data-order-uid", id,
                new LocatorAssertions.HasAttributeOptions().setTimeout(15_000));
        assertThat(page.locator("#st-orders")).not().hasText("…");
        s.screenshot("live");

        page.setViewportSize(390, 844);
        s.screenshot("phone");
    }

    private static Locator row(Page page, String id) {
        return page.locator("[data-testid=recent-row][data-order-uid=\"" + id + "\"]");
    }
}
