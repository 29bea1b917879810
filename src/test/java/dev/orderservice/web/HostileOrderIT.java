package dev.orderservice.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Page;
import dev.orderservice.testing.SampleOrders;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Order fields are untrusted: markup in them is shown as text and never runs, in every view. */
@ExtendWith(WebEnvironment.class)
@ResourceLock(WebEnvironment.SERVICE)
class HostileOrderIT {

    static final String SCRIPT = "<script>window.__pwned1=1</script>";
    static final String IMG = "<img src=x onerror=\"window.__pwned2=1\">";
    static final String SVG = "<svg onload=window.__pwned3=1>";
    static final String BREAKOUT = "\"'></td><img src=x onerror=window.__pwned4=1>";
    static final String FLAGS = "() => [window.__pwned1, window.__pwned2, window.__pwned3, window.__pwned4]"
            + ".filter(f => f !== undefined).length";

    @Test
    void markupInFieldsIsShownAsTextAndNothingRuns(WebEnvironment.Session s) throws Exception {
        Page page = s.open("/");
        assertThat(page.locator("#live-state")).hasAttribute("data-state", "connected");

        String id = SampleOrders.newUid("hostile");
        ObjectNode order = SampleOrders.withUid(id);
        order.put("customer_id", SCRIPT);
        order.put("delivery_service", SVG);
        ((ObjectNode) order.get("delivery")).put("name", IMG).put("address", BREAKOUT);
        ((ObjectNode) order.get("items").get(0)).put("name", IMG).put("brand", SCRIPT);
        s.publish(order);

        // Arrives live in the list first, with the payloads as text.
        assertThat(page.getByTestId("recent-row").first()).hasAttribute("data-order-uid", id);
        assertThat(page.getByTestId("recent-row").first()).containsText(SCRIPT);

        page.getByTestId("recent-row").first().locator("a").click();
        assertThat(page.locator("#order-title")).hasText(id);
        assertThat(page.getByTestId("order-summary")).containsText(SCRIPT);
        assertThat(page.getByTestId("order-summary")).containsText(SVG);
        assertThat(page.getByTestId("order-delivery")).containsText(IMG);
        assertThat(page.getByTestId("order-delivery")).containsText(BREAKOUT);
        assertThat(page.getByTestId("order-items")).containsText(IMG);
        s.screenshot("hostile-order");

        page.locator("#raw-toggle").click();
        assertThat(page.getByTestId("order-raw")).containsText("window.__pwned2=1");
        page.reload();
        assertThat(page.locator("#order-title")).hasText(id);

        assertThat(page.locator("#main img, #main svg, #main script")).hasCount(0);
        assertThat((Integer) page.evaluate(FLAGS)).isZero();
        List<String> console = List.copyOf(s.console());
        assertThat(console).noneMatch(line -> line.startsWith("pageerror"));
    }
}
