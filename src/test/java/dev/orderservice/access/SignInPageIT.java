package dev.orderservice.access;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import dev.orderservice.testing.AckedPublisher;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.Chromium;
import dev.orderservice.testing.SampleOrders;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web page with authentication on, in Debian's Chromium: signed out it shows the sign-in form
 * and no order data; a token pasted once signs in (an HttpOnly, Secure, SameSite=Strict cookie,
 * nothing in the URL or in storage), the lookup and the live feed work, a token without the
 * lookup's scope shows that plainly, and signing out ends the session on the server.
 */
@ExtendWith(SecuredService.Resolver.class)
class SignInPageIT {

    private static Playwright playwright;
    private static Browser browser;
    private static SecuredService shared;

    @BeforeAll
    static void launch() {
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void close() throws Exception {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
        if (shared != null) {
            shared.assertNoSecretInOutput();
        }
    }

    @Test
    void signedOutThePageShowsTheSignInFormAndNoOrderData(SecuredService s) {
        shared = s;
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(s.baseUrl() + "/#/orders/" + SecuredService.ORDER_ID);

            assertThat(page.getByTestId("signed-out")).isVisible();
            assertThat(page.locator("#orders-view")).isHidden();
            assertThat(page.locator("#status")).isHidden();
            assertThat(page.getByTestId("recent-row")).hasCount(0);
            assertThat(page.locator("body")).not().containsText(SecuredService.ORDER_ID);

            page.getByLabel("Token").fill("not-a-valid-token");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Sign in")).click();
            assertThat(page.getByTestId("signin-msg")).containsText("not valid");
            assertThat(context.cookies()).isEmpty();
        }
    }

    @Test
    void aSignedInPersonLooksUpAnOrderSeesNewOnesLiveAndSignsOut(SecuredService s) throws Exception {
        shared = s;
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(s.baseUrl() + "/");
            signIn(page, s.token("everything"));

            assertThat(page.getByTestId("account-who")).hasText("everything");
            Cookie session = context.cookies().stream().filter(c -> c.name.equals(Access.COOKIE)).findFirst().orElseThrow();
            s.secret(session.value);
            assertThat(session.httpOnly).isTrue();
            assertThat(session.secure).isTrue();
            assertThat(session.sameSite).isEqualTo(SameSiteAttribute.STRICT);
            assertThat(page.url()).doesNotContain(s.token("everything"));
            assertThat(page.evaluate("localStorage.length + sessionStorage.length")).isEqualTo(0);

            page.getByLabel("Order id").fill(SecuredService.ORDER_ID);
            page.getByLabel("Order id").press("Enter");
            assertThat(page.locator("#order-title")).hasText(SecuredService.ORDER_ID);

            assertThat(page.locator("#live-state")).hasText("connected");
            String fresh = "live" + System.currentTimeMillis();
            try (AckedPublisher publisher = new AckedPublisher(s.nats().url(), "orders")) {
                publisher.send(SampleOrders.bytes(SampleOrders.withUid(fresh)));
                publisher.flush();
            }
            assertThat(page.getByTestId("recent-row").filter(new Locator.FilterOptions()
                    .setHasText(fresh))).hasCount(1);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Sign out")).click();
            assertThat(page.getByTestId("signed-out")).isVisible();
            assertThat(page.locator("body")).not().containsText(fresh);
            Await.until(Duration.ofSeconds(10), () -> s.get("/api/orders?limit=1", "Cookie", Access.COOKIE + "="
                    + session.value).statusCode(), status -> status == 401, "the server forgot the session");
        }
    }

    @Test
    void aTokenWithoutTheLookupScopeShowsNotAllowed(SecuredService s) {
        shared = s;
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(s.baseUrl() + "/");
            signIn(page, s.token("lister"));

            assertThat(page.getByTestId("recent-row").first()).isVisible();
            page.getByLabel("Order id").fill(SecuredService.ORDER_ID);
            page.getByLabel("Order id").press("Enter");
            assertThat(page.getByTestId("state-forbidden")).containsText("Not allowed");
            assertThat(page.getByTestId("state-forbidden")).containsText("orders:read");
        }
    }

    private static void signIn(Page page, String token) {
        assertThat(page.getByTestId("signed-out")).isVisible();
        page.getByLabel("Token").fill(token);
        page.getByLabel("Token").press("Enter");
        assertThat(page.locator("#account")).isVisible();
        assertThat(page).not().hasURL(Pattern.compile(".*" + Pattern.quote(token) + ".*"));
    }
}
