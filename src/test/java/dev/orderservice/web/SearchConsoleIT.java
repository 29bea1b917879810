package dev.orderservice.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.SampleOrders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The console's search as support staff use it: one box for an order id, a track number, an e-mail
 * or a phone number, filters for the customer and the days created, results paged with "Load more"
 * that open the order, and the same search exported as CSV.
 */
@ExtendWith(WebEnvironment.class)
@ResourceLock(WebEnvironment.SERVICE)
class SearchConsoleIT {

    /** Rows per page of a list (recent.js). */
    private static final int PAGE_SIZE = 20;
    /** Rows at most in a CSV export (the API contract of issue 15). */
    private static final int EXPORT_LIMIT = 10_000;
    private static final AtomicLong PHONES = new AtomicLong(System.currentTimeMillis() % 10_000_000L * 100);

    @Test
    void eachKindOfInputFindsItsOrder(WebEnvironment.Session s) throws Exception {
        String id = SampleOrders.newUid("kinds");
        String track = "TRK" + id.toUpperCase();
        String email = id + "@Example.com";
        String phone = "+7" + String.format("%010d", PHONES.incrementAndGet());
        s.publish(ConsoleOrders.order(id, track, "cust-" + id, email, phone, "2026-11-30T10:00:00Z"));
        s.service().awaitStored(id);
        Page page = s.open("/");

        search(page, id);
        assertThat(page).hasURL(Pattern.compile("#/orders/" + id + "$"));
        assertThat(page.locator("#order-title")).hasText(id);
        assertThat(page.getByTestId("results-note")).hasText("Searched as order id.");
        assertThat(page.getByTestId("result-row")).hasCount(1);

        search(page, track);
        assertThat(page).hasURL(Pattern.compile("#/search\\?q=" + track + "$"));
        assertFound(page, id);
        assertThat(page.getByTestId("results-note")).hasText(
                "Searched as track number: nothing matched “" + track + "” as order id.");
        assertThat(page.getByTestId("result-row").first()).containsText("USD 1,817");
        assertThat(page.getByTestId("result-row").first()).containsText("2026-11-30 10:00:00 UTC");
        s.screenshot("search-track-number");
        page.getByTestId("result-row").first().locator("a").click();
        assertThat(page.locator("#order-title")).hasText(id);
        assertThat(page.getByTestId("order-delivery")).containsText(email);
        s.screenshot("console");
        page.keyboard().press("Escape");
        assertThat(page).hasURL(Pattern.compile("#/search\\?q=" + track + "$"));

        search(page, email.toUpperCase());
        assertFound(page, id);
        assertThat(page.getByTestId("results-note")).hasText("Searched as e-mail.");

        String spaced = phone.substring(0, 2) + " " + phone.substring(2, 5) + " " + phone.substring(5, 8) + "-"
                + phone.substring(8);
        search(page, spaced);
        assertFound(page, id);
        assertThat(page.getByTestId("results-note")).hasText("Searched as phone.");

        // Digits alone could be an id or a track number: tried as those first, then as a phone.
        String other = SampleOrders.newUid("digits");
        String digits = "8" + String.format("%010d", PHONES.incrementAndGet());
        s.publish(ConsoleOrders.order(other, "TRK" + other.toUpperCase(), "cust-" + other, other + "@example.com",
                digits.charAt(0) + "-" + digits.substring(1, 4) + "-" + digits.substring(4), "2026-11-30T11:00:00Z"));
        s.service().awaitStored(other);
        search(page, digits);
        assertFound(page, other);
        assertThat(page.getByTestId("results-note")).hasText(
                "Searched as phone: nothing matched “" + digits + "” as order id or track number.");
        search(page, spaced);
        assertFound(page, id);

        // A row opens the order; Escape comes back to the results.
        page.getByTestId("result-row").first().locator("a").click();
        assertThat(page.locator("#order-title")).hasText(id);
        page.keyboard().press("Escape");
        assertThat(page.getByTestId("results-summary")).containsText("phone");
        assertThat(page.getByTestId("order")).hasCount(0);
    }

    @Test
    void customerAndDateFiltersNarrowTheResults(WebEnvironment.Session s) throws Exception {
        String customer = SampleOrders.newUid("cust");
        String track = "FLT" + customer.toUpperCase();
        List<String> ids = new ArrayList<>();
        for (String day : List.of("2026-11-01T23:59:59Z", "2026-11-02T00:00:00Z", "2026-11-03T12:00:00Z",
                "2026-11-04T00:00:00Z")) {
            String id = SampleOrders.newUid("flt");
            ids.add(id);
            s.publish(ConsoleOrders.order(id, track, customer, id + "@example.com", "+1 555 0199", day));
            s.service().awaitStored(id);
        }
        s.publish(ConsoleOrders.order(SampleOrders.newUid("other"), track, "someone-else", "x@example.com",
                "+1 555 0198", "2026-11-02T10:00:00Z"));
        Page page = s.open("/");

        page.getByLabel("Customer id").fill(customer);
        page.getByLabel("Customer id").press("Enter");
        assertThat(page.getByTestId("result-row")).hasCount(4);
        assertThat(page.getByTestId("results-summary")).hasText("Orders with customer “" + customer + "”");

        page.getByLabel("Created from").fill("2026-11-02");
        page.getByLabel("Created to").fill("2026-11-03");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Search").setExact(true)).click();
        Locator rows = page.getByTestId("result-row");
        assertThat(rows).hasCount(2);
        assertThat(rows.nth(0)).hasAttribute("data-order-uid", ids.get(2));
        assertThat(rows.nth(1)).hasAttribute("data-order-uid", ids.get(1));
        assertThat(page.getByTestId("results-summary")).containsText("created 2026-11-02 to 2026-11-03 (UTC days)");
        s.screenshot("search-filters");

        // The track number with the customer: only this customer's orders, never taken as an id.
        page.getByLabel("Created from").fill("");
        page.getByLabel("Created to").fill("");
        search(page, track);
        assertThat(rows).hasCount(4);
        assertThat(page.getByTestId("results-note")).hasText("Searched as track number.");

        // A range the service refuses: the message names the field, which is marked invalid.
        page.getByLabel("Created from").fill("2026-11-05");
        page.getByLabel("Created to").fill("2026-11-01");
        page.getByLabel("Created to").press("Enter");
        assertThat(page.getByTestId("results-msg")).containsText("refused");
        assertThat(page.locator("#search-form [aria-invalid=true], #search [aria-invalid=true]")).hasCount(1);
        Axe.assertNoSeriousViolations(page, "refused search");
    }

    @Test
    void loadMorePagesThroughAndExportDownloadsTheSearchAsCsv(WebEnvironment.Session s) throws Exception {
        String track = "PAGE" + SampleOrders.newUid("pg").toUpperCase();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PAGE_SIZE + 5; i++) {
            String id = SampleOrders.newUid("pg");
            ids.add(id);
            s.publish(ConsoleOrders.order(id, track, "pager", id + "@example.com", "+1 555 0100",
                    "2026-11-20T08:00:00Z"));
            s.service().awaitStored(id);
        }
        Page page = s.open("/#/search?q=" + track);
        Locator rows = page.getByTestId("result-row");
        assertThat(rows).hasCount(PAGE_SIZE);
        assertThat(rows.first()).hasAttribute("data-order-uid", ids.getLast());
        page.locator("#results-more").click();
        assertThat(rows).hasCount(ids.size());
        assertThat(page.locator("#results-more")).isHidden();
        assertThat(rows.last()).hasAttribute("data-order-uid", ids.getFirst());

        assertThat(page.getByTestId("export-csv")).hasAttribute("href", "/api/orders.csv?track_number=" + track);
        Download download = page.waitForDownload(() -> page.getByTestId("export-csv").click());
        assertThat(download.suggestedFilename()).isEqualTo("orders.csv");
        List<String> lines = Files.readAllLines(download.path(), StandardCharsets.UTF_8);
        assertThat(lines.getFirst()).isEqualTo("order_uid,track_number,customer_id,delivery_service,date_created,"
                + "amount,currency,item_count,received_at");
        assertThat(lines).hasSize(ids.size() + 1);
        assertThat(lines.get(1)).startsWith(ids.getLast() + "," + track + ",pager,meest,2026-11-20T08:00:00Z,1817,USD,1,");
        assertThat(page.getByTestId("export-msg")).hasText("Downloaded orders.csv with every order of this search.");
        assertThat(page.getByTestId("export-msg")).hasAttribute("data-truncated", "false");
        s.screenshot("search-export");
    }

    @Test
    void anExportCutShortAtTheLimitSaysSo(WebEnvironment.Session s) throws Exception {
        String track = "BIG" + SampleOrders.newUid("big").toUpperCase();
        String prefix = SampleOrders.newUid("big");
        for (int i = 0; i <= EXPORT_LIMIT; i++) {
            s.publisher().send(SampleOrders.bytes(ConsoleOrders.order(prefix + "-" + i, track, "bulk",
                    "bulk@example.com", "+1 555 0111", "2026-11-21T08:00:00Z")));
        }
        s.publisher().flush();
        String csv = "/api/orders.csv?track_number=" + track;
        Await.until(Duration.ofSeconds(120), () -> s.service().get(csv).headers().firstValue("X-Truncated"),
                truncated -> truncated.filter("true"::equals).isPresent(), "all " + (EXPORT_LIMIT + 1) + " orders stored");

        Page page = s.open("/#/search?q=" + track);
        assertThat(page.getByTestId("result-row")).hasCount(PAGE_SIZE);
        Download download = page.waitForDownload(() -> page.getByTestId("export-csv").click());
        assertThat(Files.readAllLines(download.path(), StandardCharsets.UTF_8)).hasSize(EXPORT_LIMIT + 1);
        assertThat(page.getByTestId("export-msg")).hasAttribute("data-truncated", "true");
        assertThat(page.getByTestId("export-msg")).containsText("newest 10,000 orders only");
        Axe.assertNoSeriousViolations(page, "export cut short");
    }

    private static void search(Page page, String text) {
        page.getByLabel("Order id").fill(text);
        page.getByLabel("Order id").press("Enter");
    }

    private static void assertFound(Page page, String id) {
        assertThat(page.getByTestId("result-row")).hasCount(1);
        assertThat(page.getByTestId("result-row").first()).hasAttribute("data-order-uid", id);
        assertThat(page.getByTestId("results-msg")).hasText("");
    }
}
