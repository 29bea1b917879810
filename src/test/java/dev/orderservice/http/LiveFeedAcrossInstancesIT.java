package dev.orderservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderservice.json.Json;
import dev.orderservice.testing.AckedPublisher;
import dev.orderservice.testing.Await;
import dev.orderservice.testing.RealServices;
import dev.orderservice.testing.SampleOrders;
import dev.orderservice.testing.Scrape;
import dev.orderservice.testing.ServiceProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances on one consumer and one database, an event-stream client on each: every order
 * published, whichever instance stored it, reaches both clients, and none reaches one twice.
 */
class LiveFeedAcrossInstancesIT {

    @RegisterExtension
    static final RealServices services = new RealServices();

    private static final int ORDERS = 36;

    @Test
    void eachBrowserSeesEveryOrderOfEitherInstanceOnce() throws Exception {
        String db = services.postgres().newDatabase();
        String nats = services.nats().url();
        try (ServiceProcess first = ServiceProcess.external(db, nats, "live-across-a", Map.of());
                ServiceProcess second = ServiceProcess.external(db, nats, "live-across-b", Map.of())) {
            first.start();
            second.start();
            first.awaitReady();
            second.awaitReady();
            try (EventClient onFirst = new EventClient(first); EventClient onSecond = new EventClient(second)) {
                List<String> published = new ArrayList<>();
                try (AckedPublisher publisher = new AckedPublisher(nats, "orders")) {
                    for (int i = 0; i < ORDERS; i++) {
                        String uid = SampleOrders.newUid("live");
                        published.add(uid);
                        publisher.send(SampleOrders.bytes(SampleOrders.withUid(uid)));
                        publisher.flush();
                        Thread.sleep(120);
                    }
                }
                for (EventClient client : List.of(onFirst, onSecond)) {
                    Await.until(Duration.ofSeconds(30), client::seen, seen -> new HashSet<>(seen).containsAll(published),
                            "every published order on " + client.name);
                }
                // one more event each, after all of them: a late duplicate would have arrived by now
                String last = SampleOrders.newUid("live-last");
                try (AckedPublisher publisher = new AckedPublisher(nats, "orders")) {
                    publisher.send(SampleOrders.bytes(SampleOrders.withUid(last)));
                }
                for (EventClient client : List.of(onFirst, onSecond)) {
                    Await.until(Duration.ofSeconds(30), client::seen, seen -> seen.contains(last),
                            "the last order on " + client.name);
                    List<String> seen = client.seen();
                    assertThat(seen).as("orders on " + client.name).doesNotHaveDuplicates()
                            .containsAll(published).contains(last).hasSize(ORDERS + 1);
                    assertThat(client.refetches()).as("refetch events on " + client.name).isZero();
                }
            }
            double byFirst = Scrape.parse(first.get("/metrics").body()).sum("orders_ingested_total");
            double bySecond = Scrape.parse(second.get("/metrics").body()).sum("orders_ingested_total");
            assertThat(byFirst + bySecond).isEqualTo(ORDERS + 1);
            assertThat(byFirst).as("orders the first instance stored").isPositive();
            assertThat(bySecond).as("orders the second instance stored").isPositive();
        }
    }

    /** A plain HTTP client reading {@code /api/events} on a thread of its own. */
    private static final class EventClient implements AutoCloseable {

        private final String name;
        private final RawHttp http;
        private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        private volatile int refetches;
        private volatile int skipped;
        private final Thread reader;

        EventClient(ServiceProcess service) throws IOException {
            this.name = service.log().getFileName().toString();
            this.http = new RawHttp("127.0.0.1", service.httpPort());
            RawHttp.Answer answer = http.get("/api/events", 10_000);
            assertThat(answer.status()).isEqualTo(200);
            http.timeout(0);
            this.reader = Thread.ofPlatform().name("events-" + name).daemon().start(this::read);
        }

        private void read() {
            try {
                String event = null;
                while (true) {
                    String line = http.line();
                    if (line.startsWith("event: ")) {
                        event = line.substring("event: ".length());
                    } else if (line.startsWith("data: ") && "orders".equals(event)) {
                        JsonNode data = Json.mapper().readTree(line.substring("data: ".length()));
                        skipped += data.get("skipped").asInt();
                        List<String> uids = new ArrayList<>();
                        data.get("items").forEach(item -> uids.add(item.get("order_uid").asText()));
                        Collections.reverse(uids);
                        seen.addAll(uids);
                    } else if (line.startsWith("data: ") && "refetch".equals(event)) {
                        refetches++;
                    }
                }
            } catch (IOException closed) {
                // the test closed the stream
            }
        }

        List<String> seen() {
            synchronized (seen) {
                return List.copyOf(seen);
            }
        }

        /** Refetch events, and orders an event said it skipped: either would make "every order once" unknowable. */
        int refetches() {
            return refetches + skipped;
        }

        @Override
        public void close() throws Exception {
            http.close();
            reader.join(5000);
        }
    }
}
