package dev.orderservice.hostile;

import dev.orderservice.testing.ServiceProcess;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks {@code /health/live} every quarter second while a test runs and remembers every answer that
 * was not 200 and every moment the process was gone: a service that crashed or hung between two
 * checks of the test itself still shows up here.
 */
final class LivenessWatch implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 250;

    private final ServiceProcess service;
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger probes = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stopped;

    private LivenessWatch(ServiceProcess service) {
        this.service = service;
        this.thread = Thread.ofVirtual().name("liveness-watch").unstarted(this::watch);
    }

    static LivenessWatch start(ServiceProcess service) {
        LivenessWatch watch = new LivenessWatch(service);
        watch.thread.start();
        return watch;
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    int probes() {
        return probes.get();
    }

    private void watch() {
        while (!stopped) {
            probes.incrementAndGet();
            try {
                if (!service.isAlive()) {
                    failures.add("process gone at probe " + probes.get());
                    return;
                }
                int status = service.get("/health/live").statusCode();
                if (status != 200) {
                    failures.add("/health/live answered " + status);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failures.add("/health/live failed: " + e);
            }
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(5_000);
    }
}
