package dev.orderservice.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.orderservice.testing.SampleOrders;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Messages that are not orders are listed with their reason and a text-only preview. */
@ExtendWith(WebEnvironment.class)
@ResourceLock(WebEnvironment.SERVICE)
class RejectedViewIT {

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
}
