package dev.orderservice.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import dev.orderservice.testing.SampleOrders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Every action from the keyboard alone (no click, no fill): the tab order, a visible focus ring, Enter
 * to search and to open a row, Escape to close the order with the focus back where it was.
 */
@ExtendWith(WebEnvironment.class)
@ResourceLock(WebEnvironment.SERVICE)
class KeyboardIT {

    /** Rows per page of a list (recent.js). */
    private static final int PAGE_SIZE = 20;

    /** What has the focus: its id, else its data-order-uid row's id, else its tag and text. */
    private static final String FOCUSED = "() => { const e = document.activeElement;"
            + " const row = e.closest('[data-order-uid]');"
            + " return e.id ? '#' + e.id : row ? 'row:' + row.dataset.orderUid"
            + " : e.tagName.toLowerCase() + ':' + e.textContent.trim(); }";

    @Test
    void searchOpenAndCloseAnOrderWithTheKeyboardAlone(WebEnvironment.Session s) throws Exception {
        String id = SampleOrders.newUid("keys");
        s.publish(SampleOrders.withUid(id));
        s.service().awaitStored(id);
        Page page = s.open("/");
        assertThat(page.locator("[data-testid=recent-row][data-order-uid=\"" + id + "\"]")).isVisible();

        List<String> tabOrder = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            page.keyboard().press("Tab");
            tabOrder.add(focused(page));
        }
        assertThat(tabOrder).containsExactly("a:Skip to content", "a:order-service", "a:Orders", "a:Rejected",
                "#search-q");
        assertThat(outline(page)).as("the search box shows where the focus is").isNotEqualTo("none");

        page.keyboard().type(id);
        page.keyboard().press("Enter");
        assertThat(page).hasURL(Pattern.compile("#/orders/" + id + "$"));
        assertThat(page.locator("#order-title")).isFocused();
        page.keyboard().press("Escape");
        assertThat(page.getByTestId("order")).hasCount(0);
        assertThat(page.getByTestId("empty-detail")).isVisible();
        assertThat(page.locator("#search-q")).isFocused();

        // Back on the search, which lists the order found; into that list, open it with Enter, close
        // it with Escape: back on its row, in the search results.
        assertThat(page).hasURL(Pattern.compile("#/search\\?q=" + id + "$"));
        assertThat(page.getByTestId("result-row")).hasCount(1);
        tabUntil(page, "row:" + id);
        assertThat(outline(page)).as("a list row shows where the focus is").isEqualTo("solid");
        page.keyboard().press("Enter");
        assertThat(page.locator("#order-title")).hasText(id);
        assertThat(page.locator("#order-title")).isFocused();
        tabUntil(page, "#raw-toggle");
        page.keyboard().press("Enter");
        assertThat(page.getByTestId("order-raw")).isVisible();
        page.keyboard().press("Escape");
        assertThat(page.getByTestId("order")).hasCount(0);
        assertThat(focused(page)).isEqualTo("row:" + id);
        assertThat(page.locator(":focus").locator("xpath=ancestor::ul")).hasId("results-list");
        assertThat(page).hasURL(Pattern.compile("#/search\\?q=" + id + "$"));

        // The Close button does what Escape does.
        page.keyboard().press("Enter");
        tabUntil(page, "#order-close");
        page.keyboard().press("Enter");
        assertThat(page.getByTestId("order")).hasCount(0);
        assertThat(focused(page)).isEqualTo("row:" + id);
    }

    @Test
    void filtersPagingAndExportFromTheKeyboard(WebEnvironment.Session s) throws Exception {
        String customer = SampleOrders.newUid("keycust");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PAGE_SIZE + 1; i++) {
            String id = SampleOrders.newUid("keypg");
            ids.add(id);
            s.publish(ConsoleOrders.order(id, "KEYTRACK", customer, id + "@example.com", "+1 555 0100",
                    "2026-11-20T08:00:00Z"));
            s.service().awaitStored(id);
        }
        Page page = s.open("/");
        tabUntil(page, "#search-customer");
        page.keyboard().type(customer);
        page.keyboard().press("Tab");
        assertThat(focused(page)).isEqualTo("#search-from");
        page.keyboard().type("11202026");
        assertThat(page.locator("#search-from")).hasValue("2026-11-20");
        page.keyboard().press("Enter");
        assertThat(page).hasURL(Pattern.compile("#/search\\?customer=" + customer + "&from=2026-11-20$"));
        assertThat(page.getByTestId("result-row")).hasCount(PAGE_SIZE);

        tabUntil(page, "#results-more");
        page.keyboard().press("Enter");
        assertThat(page.getByTestId("result-row")).hasCount(ids.size());
        assertThat(page.locator("#results-more")).isHidden();
        assertThat(focused(page)).as("the focus moves on to the first row loaded").isEqualTo("row:" + ids.getFirst());

        tabUntil(page, "#results-export");
        Download download = page.waitForDownload(() -> page.keyboard().press("Enter"));
        assertThat(download.suggestedFilename()).isEqualTo("orders.csv");
        assertThat(page.getByTestId("export-msg")).hasAttribute("data-truncated", "false");
    }

    @Test
    void theRejectedFiltersWorkFromTheKeyboard(WebEnvironment.Session s) throws Exception {
        String marker = SampleOrders.newUid("keysrej");
        s.publish(("not json " + marker).getBytes(StandardCharsets.UTF_8));
        s.service().awaitBodyContaining("/api/rejected", marker);
        Page page = s.open("/");

        tabUntil(page, "a:Rejected");
        page.keyboard().press("Enter");
        assertThat(page.locator("#rejected-view")).isVisible();
        assertThat(page.locator("#rejected-reason option[value=malformed_json]")).hasCount(1);
        tabUntil(page, "#rejected-reason");
        page.keyboard().type("malformed_json");
        assertThat(page.locator("#rejected-reason")).hasValue("malformed_json");
        tabUntil(page, "button:Filter");
        page.keyboard().press("Enter");
        assertThat(page).hasURL(Pattern.compile("#/rejected\\?reason=malformed_json$"));
        assertThat(page.getByTestId("rejected-row").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText(marker))).hasCount(1);
        assertThat(page.getByTestId("rejected-row").locator(".badge").filter(
                new com.microsoft.playwright.Locator.FilterOptions().setHasNotText("malformed_json"))).hasCount(0);
    }

    static String focused(Page page) {
        return (String) page.evaluate(FOCUSED);
    }

    /** The focused element's outline style ('none' when nothing shows the focus). */
    static String outline(Page page) {
        return (String) page.evaluate("() => { const e = document.activeElement; const st = getComputedStyle(e);"
                + " return st.outlineStyle !== 'none' ? st.outlineStyle : st.boxShadow !== 'none' ? 'shadow' : 'none'; }");
    }

    /** Presses Tab until the focus is on {@code target} (see {@link #FOCUSED}); fails after 60 presses. */
    static void tabUntil(Page page, String target) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            page.keyboard().press("Tab");
            String now = focused(page);
            if (now.equals(target)) {
                return;
            }
            seen.add(now);
        }
        throw new AssertionError("Tab never reached " + target + "; it went through " + seen);
    }
}
