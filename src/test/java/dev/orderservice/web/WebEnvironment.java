package dev.orderservice.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One service (with PostgreSQL and NATS) and one headless Chromium for the whole test run, shared
 * by every web test class; each test gets a {@link Session}: a fresh browser context (no cookies,
 * storage or cache from other tests) and page. Debian's Chromium is driven, never a downloaded one.
 */
final class WebEnvironment implements ParameterResolver {

    static final Path CHROMIUM = Path.of(System.getProperty("chromium.path", "/usr/bin/chromium"));
    static final List<String> CHROMIUM_ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-dev-shm-usage");
    static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));

    /** A test's browser page on the shared service, with what the page logged. */
    record Session(ServiceUnderTest service, Page page, List<String> console) {

        Page open(String pathAndHash) {
            page.navigate(service.baseUrl() + pathAndHash);
            return page;
        }

        void screenshot(String name) {
            try {
                Files.createDirectories(SCREENSHOTS);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
        }
    }

    private record Shared(ServiceUnderTest service, Playwright playwright, Browser browser)
            implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() throws Exception {
            try (playwright; service) {
                browser.close();
            }
        }
    }

    private record Closing(BrowserContext context) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            context.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == Session.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Shared shared = extension.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Shared.class, key -> startShared(), Shared.class);
        BrowserContext context = shared.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 860));
        extension.getStore(ExtensionContext.Namespace.create(WebEnvironment.class, extension.getUniqueId()))
                .put(Closing.class, new Closing(context));
        List<String> console = Collections.synchronizedList(new ArrayList<>());
        Page page = context.newPage();
        page.onConsoleMessage(m -> console.add(m.type() + ": " + m.text()));
        page.onPageError(e -> console.add("pageerror: " + e));
        return new Session(shared.service(), page, console);
    }

    private static Shared startShared() {
        ServiceUnderTest service;
        try {
            service = ServiceUnderTest.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the service under test: " + e.getMessage(), e);
        }
        Playwright playwright = null;
        try {
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            // launch() gives Chromium a fresh temporary profile (user-data-dir) and removes it on close.
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(CHROMIUM_ARGS));
            return new Shared(service, playwright, browser);
        } catch (RuntimeException e) {
            // nothing will close what was started so far: without this the service, its PostgreSQL
            // and its nats-server outlive the test run when Chromium cannot start
            closeQuietly(playwright, e);
            closeQuietly(service, e);
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable resource, Exception cause) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }
}
