package dev.orderservice.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.orderservice.testing.SampleOrders;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Looking an order up by id: the rendered order, the raw JSON, the shareable URL and the error states. */
@ExtendWith(WebEnvironment.class)
@ResourceLock(WebEnvironment.SERVICE)
class OrderLookupIT {

    @Test
    void searchShowsTheOrderForPeopleAndItsUrlSurvivesReload(WebEnvironment.Session s) throws Exception {
        String id = SampleOrders.newUid("lookup");
        s.publish(SampleOrders.withUid(id));
        s.service().awaitStored(id);

        Response response = s.page().navigate(s.service().baseUrl() + "/");
        assertThat(response.headers().get("content-security-policy")).contains("script-src 'self'")
                .contains("object-src 'none'");
        assertThat(response.headers().get("x-content-type-options")).isEqualTo("nosniff");
        Page page = s.page();
        page.getByLabel("Order id").fill(id);
        page.getByLabel("Order id").press("Enter");

        assertThat(page).hasURL(Pattern.compile("#/orders/" + id + "$"));
        Locator order = page.getByTestId("order");
        assertThat(order.locator("#order-title")).hasText(id);
        assertThat(page.getByTestId("order-summary")).containsText("WBILMTESTTRACK");
        assertThat(page.getByTestId("order-summary")).containsText("meest");
        assertThat(page.getByTestId("total-amount").locator(".value")).hasText("USD 1,817");
        assertThat(page.getByTestId("order-summary").locator("time")).hasText("2021-11-26 06:22:19 UTC");
        assertThat(page.getByTestId("order-payment").locator("time")).hasText("2021-11-26 06:22:07 UTC");
        assertThat(page.getByTestId("order-delivery")).containsText("Test Testov");
        assertThat(page.getByTestId("order-delivery")).containsText("Kiryat Mozkin");
        assertThat(page.getByTestId("order-payment")).containsText("wbpay");
        assertThat(page.getByTestId("order-items").locator("tbody tr")).hasCount(1);
        assertThat(page.getByTestId("order-items")).containsText("Vivienne Sabo");
        s.screenshot("order");

        page.locator("#raw-toggle").click();
        assertThat(page.getByTestId("order-raw")).isVisible();
        assertThat(page.getByTestId("order-raw")).containsText("\"order_uid\": \"" + id + "\"");
        assertThat(page.getByTestId("order-formatted")).isHidden();
        s.screenshot("order-raw-json");

        page.reload();
        assertThat(page.locator("#order-title")).hasText(id);

        s.open("/?order=" + id);
        assertThat(page.locator("#order-title")).hasText(id);
        assertThat(s.console()).noneMatch(line -> line.contains("Content Security Policy"));
    }

    @Test
    void unknownIdShowsNotFound(WebEnvironment.Session s) {
        Page page = s.open("/#/orders/" + SampleOrders.newUid("missing"));
        assertThat(page.getByTestId("state-not-found")).containsText("Order not found");
        s.screenshot("not-found");
    }

    @Test
    void malformedIdShowsThatTheIdIsInvalid(WebEnvironment.Session s) {
        // The search box takes such text as a track number (SearchConsoleIT); an order URL still says it plainly.
        Page page = s.open("/#/orders/not%20an%20id!");
        assertThat(page.getByTestId("state-malformed")).containsText("not a valid order id");
    }
}
