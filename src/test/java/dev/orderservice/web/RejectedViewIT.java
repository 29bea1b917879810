package dev.orderservice.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.orderservice.testing.SampleOrders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Messages that are not orders are listed with their reason and a text-only preview. */
@ExtendWith(WebEnvironment.class)
@ResourceLock(WebEnvironment.SERVICE)
class RejectedViewIT {

    /** Rows per page of the rejected table (rejected.js). */
    private static final int PAGE_SIZE = 50;

    @Test
    void garbageMessageIsListedWithReasonAndSafePreview(WebEnvironment.Session s) throws Exception {
        String marker = SampleOrders.newUid("garbage");
        String garbage = "not json at all " + marker + " <img src=x onerror=window.__pwned5=1>\u0001\u0002";
        s.publish(garbage.getBytes(StandardCharsets.UTF_8));
        s.service().awaitBodyContaining("/api/rejected", marker);

        Page page = s.open("/#/rejected");
        Locator row = page.getByTestId("rejected-row").filter(new Locator.FilterOptions().setHasText(marker));
        assertThat(row).hasCount(1);
        assertThat(row.locator(".badge").first()).not().isEmpty();
        assertThat(row).containsText("<img src=x onerror=window.__pwned5=1>");
        assertThat(page.locator("#rejected-view img")).hasCount(0);
        assertThat(page.locator("[data-nav=rejected]")).hasAttribute("aria-current", "page");
        s.screenshot("rejected");
        assertThat(page.evaluate("() => window.__pwned5 === undefined")).isEqualTo(true);
    }

    @Test
    void aDoubleClickOnLoadMoreLoadsTheNextPageOnce(WebEnvironment.Session s) throws Exception {
        String prefix = SampleOrders.newUid("double");
        List<String> markers = new ArrayList<>();
        for (int i = 0; i < PAGE_SIZE + 10; i++) {
            markers.add(prefix + "-" + i + "-");
            s.publish(("garbage " + markers.getLast()).getBytes(StandardCharsets.UTF_8));
        }
        for (String marker : markers) {
            s.service().awaitBodyContaining("/api/rejected?limit=100", marker);
        }
        Page page = s.open("/#/rejected");
        Locator ours = page.getByTestId("rejected-row").filter(new Locator.FilterOptions().setHasText(prefix));
        assertThat(ours).hasCount(PAGE_SIZE);
        AtomicInteger nextPageRequests = new AtomicInteger();
        page.onRequest(request -> {
            if (request.url().contains("/api/rejected") && request.url().contains("before=")) {
                nextPageRequests.incrementAndGet();
            }
        });

        page.locator("#rejected-more").dblclick();
        assertThat(ours).hasCount(markers.size());
        assertThat(page.locator("#rejected-msg")).hasText("");
        page.waitForTimeout(300); // a second request, had the click sent one, is reported by now
        assertThat(nextPageRequests.get()).isEqualTo(1);
        assertThat(ours).hasCount(markers.size());
    }
}
