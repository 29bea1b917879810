package dev.orderservice.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.orderservice.testing.AckedPublisher;
import dev.orderservice.testing.Chromium;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.ServiceProcess;
import dev.orderservice.testing.ThrowawayNats;
import dev.orderservice.testing.ThrowawayPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One packaged service (with PostgreSQL and NATS) and one headless Chromium for the whole test run,
 * shared by every web test class; each test gets a {@link Session}: a fresh browser context (no cookies,
 * storage or cache from other tests) and page. Debian's Chromium is driven, never a downloaded one.
 * The classes hold {@link #SERVICE} when the run executes classes in parallel.
 */
final class WebEnvironment implements ParameterResolver {

    /**
     * The lock every web test class holds: they share one service, and a test that reads the
     * newest orders must not see another's arrive, so no two of them run at once.
     */
    static final String SERVICE = "web-service";

    static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));

    /** A test's browser page on the shared service, with what the page logged. */
    record Session(ServiceProcess service, AckedPublisher publisher, Page page, List<String> console) {

        Page open(String pathAndHash) {
            page.navigate(service.baseUrl() + pathAndHash);
            return page;
        }

        /** Publishes through JetStream and waits for the stream's ack, so the message is durably queued. */
        void publish(JsonNode order) {
            publish(SampleOrders.bytes(order));
        }

        void publish(byte[] payload) {
            publisher.send(payload);
            publisher.flush();
        }

        void screenshot(String name) {
            try {
                Files.createDirectories(SCREENSHOTS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
        }
    }

    /** Everything the run's web tests share; closing it stops each part, the last started first. */
    private record Shared(Deque<AutoCloseable> parts, ServiceProcess service, AckedPublisher publisher, Browser browser)
            implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() throws Exception {
            Exception failure = new Exception("cannot stop the web tests' service and browser");
            stop(parts, failure);
            if (failure.getSuppressed().length > 0) {
                throw failure;
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
        ThrowawayPostgres postgres = RealServices.sharedPostgres(extension);
        Shared shared = extension.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Shared.class, key -> startShared(postgres), Shared.class);
        BrowserContext context = shared.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 860));
        extension.getStore(ExtensionContext.Namespace.create(WebEnvironment.class, extension.getUniqueId()))
                .put(Closing.class, new Closing(context));
        List<String> console = Collections.synchronizedList(new ArrayList<>());
        Page page = context.newPage();
        page.onConsoleMessage(m -> console.add(m.type() + ": " + m.text()));
        page.onPageError(e -> console.add("pageerror: " + e));
        return new Session(shared.service(), shared.publisher(), page, console);
    }

    /**
     * Starts nats-server, the packaged service on a fresh database of the run's PostgreSQL, a
     * publisher and Chromium; if one part cannot start, the parts already running are stopped
     * before the failure is thrown, since nothing else would stop them.
     */
    private static Shared startShared(ThrowawayPostgres postgres) {
        Deque<AutoCloseable> parts = new ArrayDeque<>();
        try {
            ThrowawayNats nats = started(parts, ThrowawayNats.start());
            Path dataDir = Files.createTempDirectory("order-service-web-it");
            ServiceProcess service = started(parts, ServiceProcess.external(postgres.newDatabase(), nats.url(), "web",
                    Map.of("ORDERS_DATA_DIR", dataDir.toString())));
            service.startAndAwaitReady();
            AckedPublisher publisher = started(parts, new AckedPublisher(nats.url(), "orders"));
            Playwright playwright = started(parts, Chromium.playwright());
            Browser browser = started(parts, Chromium.launch(playwright));
            return new Shared(parts, service, publisher, browser);
        } catch (Exception e) {
            stop(parts, e);
            throw new IllegalStateException("cannot start the web tests' service and browser: " + e.getMessage(), e);
        }
    }

    /** Stops every part, the last started first; what fails to stop is added to {@code failures}. */
    private static void stop(Deque<AutoCloseable> parts, Exception failures) {
        while (!parts.isEmpty()) {
            try {
                parts.pop().close();
            } catch (Exception e) {
                failures.addSuppressed(e);
            }
        }
    }

    private static <T extends AutoCloseable> T started(Deque<AutoCloseable> parts, T part) {
        parts.push(part);
        return part;
    }
}
