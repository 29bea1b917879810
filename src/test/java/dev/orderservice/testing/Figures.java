package dev.orderservice.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * One line of figures per fault scenario, on stdout and appended to target/fault-figures.txt, so
 * a run's results can be quoted without digging through reports.
 */
public final class Figures {

    public static final Path FILE = Path.of("target", "fault-figures.txt");

    private Figures() {
    }

    /**
     * @param faults what was broken, e.g. {@code "3 SIGKILLs of the service"}
     * @param served how many orders were fetched over HTTP and compared
     */
    public static void record(String scenario, Traffic traffic, String db, String faults, int served,
            Duration took) throws Exception {
        Audit.Counts counts = Audit.counts(db);
        String line = String.format(Locale.ROOT, "faults: scenario=%s published=%d valid=%d duplicates=%d "
                        + "invalid=%d stored=%d rejected=%d served_checked=%d faults=\"%s\" seed=%d seconds=%.1f",
                scenario, traffic.size(), traffic.valid().size(), traffic.duplicateCount(), traffic.invalidCount(),
                counts.orders(), counts.rejected(), served, faults, traffic.seed(), took.toMillis() / 1000.0);
        System.out.println(line);
        append(line);
    }

    private static synchronized void append(String line) throws IOException {
        Files.createDirectories(FILE.getParent());
        Files.writeString(FILE, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
