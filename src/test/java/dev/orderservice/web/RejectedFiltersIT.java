package dev.orderservice.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.orderservice.testing.SampleOrders;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The rejected list filtered by reason (a select filled by the service) and by the day received. */
@ExtendWith(WebEnvironment.class)
@ResourceLock(WebEnvironment.SERVICE)
class RejectedFiltersIT {

    @Test
    void reasonAndDayFilterTheRejectedList(WebEnvironment.Session s) throws Exception {
        String marker = SampleOrders.newUid("rejflt");
        s.publish(("not json " + marker).getBytes(StandardCharsets.UTF_8));
        var invalid = SampleOrders.withUid(marker + "inv");
        invalid.put("locale", "");
        s.publish(invalid);
        s.service().awaitBodyContaining("/api/rejected", marker + "inv");
        s.service().awaitBodyContaining("/api/rejected", "not json " + marker);

        Page page = s.open("/#/rejected");
        Locator options = page.locator("#rejected-reason option");
        assertThat(options).containsText(new String[] {"All reasons", "too_large", "malformed_json", "invalid_order",
            "conflict", "unstorable"});
        Locator ours = page.getByTestId("rejected-row").filter(new Locator.FilterOptions().setHasText(marker));
        assertThat(ours).hasCount(2);

        page.getByLabel("Reason").selectOption("invalid_order");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Filter")).click();
        assertThat(page).hasURL(Pattern.compile("#/rejected\\?reason=invalid_order$"));
        assertThat(ours).hasCount(1);
        assertThat(ours.first()).containsText(marker + "inv");
        assertThat(page.getByTestId("rejected-row").locator(".badge").filter(
                new Locator.FilterOptions().setHasNotText("invalid_order"))).hasCount(0);

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        page.getByLabel("Received from").fill(today);
        page.getByLabel("Received to").fill(today);
        page.getByLabel("Received to").press("Enter");
        assertThat(ours).hasCount(1);
        s.screenshot("rejected-filtered");

        page.getByLabel("Received from").fill("2001-01-01");
        page.getByLabel("Received to").fill("2001-01-31");
        page.getByLabel("Received to").press("Enter");
        assertThat(page.getByTestId("rejected-row")).hasCount(0);
        assertThat(page.getByTestId("rejected-msg")).hasText("No rejected messages match these filters.");

        page.reload();
        assertThat(page.getByLabel("Reason")).hasValue("invalid_order");
        assertThat(page.getByLabel("Received from")).hasValue("2001-01-01");
        assertThat(page.getByTestId("rejected-msg")).hasText("No rejected messages match these filters.");

        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Clear")).click();
        assertThat(page).hasURL(Pattern.compile("#/rejected$"));
        assertThat(ours).hasCount(2);
    }
}
