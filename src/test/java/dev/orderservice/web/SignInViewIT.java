package dev.orderservice.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.orderservice.digest.Sha256;
import dev.orderservice.testing.Chromium;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sign-in view (authentication on): axe-core finds nothing serious or critical on it, before and
 * after a refused token, and signing in works from the keyboard alone.
 */
class SignInViewIT {

    @RegisterExtension
    static final RealServices SERVICES = new RealServices();

    private static final String TOKEN = UUID.randomUUID().toString();
    private static ServiceProcess service;
    private static Playwright playwright;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Path tokens = Files.createTempFile("order-service-signin-view", ".tokens");
        String hash = HexFormat.of().formatHex(Sha256.of(TOKEN.getBytes(StandardCharsets.UTF_8)));
        Files.write(tokens, List.of("support orders:read,orders:list,rejected:read " + hash));
        service = ServiceProcess.external(SERVICES.postgres().newDatabase(), SERVICES.nats().url(), "signin-view",
                Map.of("ORDERS_AUTH_TOKENS_FILE", tokens.toString())).startAndAwaitReady();
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
            if (playwright != null) {
                playwright.close();
            }
        } finally {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    void theSignInViewIsAccessibleAndWorksFromTheKeyboard() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860))) {
            Page page = context.newPage();
            page.navigate(service.baseUrl() + "/");
            assertThat(page.getByTestId("signed-out")).isVisible();
            assertThat(page.locator("#signin-token")).isFocused();
            Axe.assertNoSeriousViolations(page, "sign-in");

            page.keyboard().type("not-a-token");
            page.keyboard().press("Enter");
            assertThat(page.getByTestId("signin-msg")).containsText("not valid");
            Axe.assertNoSeriousViolations(page, "sign-in, token refused");
            page.screenshot(new Page.ScreenshotOptions().setPath(WebEnvironment.SCREENSHOTS.resolve("signin.png")));

            page.locator("#signin-token").focus();
            page.keyboard().type(TOKEN);
            page.keyboard().press("Enter");
            assertThat(page.getByTestId("account-who")).hasText("support");
            assertThat(page.locator("#search-q")).isVisible();
            Axe.assertNoSeriousViolations(page, "signed in");
        }
    }
}
