// bench/ProfileReport.java: the profile of the big drain of `bench/run --profile` (issue 16),
// bench/results/profile.md: the drain's figures, the service's CPU by thread, JFR execution
// samples of the ingest and writer threads, allocation by project frame, GC, and PostgreSQL's
// statements (pg_stat_statements) and backends (perf), each for the drain's window only.
//
// bench/run --profile runs it at the end, from what the profiled drain left in the run's
// directory (bench/lib.sh, profile_drain_begin and profile_drain_mark): logs/profile-drain.tsv
// (window, loads, CPU ticks), logs/profile-threads-{start,end}.tsv (/proc/PID/task at both ends),
// logs/profile-statements.txt, figures.tsv, logs/service-NAME.jfr, postgres-perf.txt (or
// logs/postgres-profile.txt). By hand, on a run kept with KEEP_WORK=1:
//
//   $JAVA_HOME/bin/java bench/ProfileReport.java /tmp/order-bench.XXXXXX [bench/results/profile.md]
//
// (a Java source file run as a script: the JFR consumer API streams the recording, where
// `jfr print --json` of a 1M drain would be gigabytes of stack traces to parse.)

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

public class ProfileReport {
    static final String PROJECT = "dev.orderservice.";
    // a lambda's hidden class, X$$Lambda/0x... (JFR may write X$$Lambda.0x...): it only forwards to
    // its body, a method of X
    static final Pattern LAMBDA = Pattern.compile("\\$\\$Lambda(?:[./]0x[0-9a-fA-F]+)?(?:\\$[0-9]+)?$");

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: java bench/ProfileReport.java WORK_DIR [OUTPUT.md]  (WORK_DIR: a bench/run"
                + " directory, kept with KEEP_WORK=1, of a run with --profile)");
            System.exit(2);
        }
        Path work = Path.of(args[0]);
        Path logs = work.resolve("logs");
        Path drainFile = logs.resolve("profile-drain.tsv");
        if (!Files.exists(drainFile)) {
            System.err.println(drainFile + " is missing: not a run with --profile, or it ended before its drain");
            System.exit(1);
        }
        Map<String, String> drain = keyValues(drainFile);
        Map<String, String> figures = keyValues(work.resolve("figures.tsv"));
        PrintStream out = args.length == 2
            ? new PrintStream(Files.newOutputStream(Path.of(args[1])), false, StandardCharsets.UTF_8)
            : new PrintStream(System.out, false, StandardCharsets.UTF_8);
        new ProfileReport(work, logs, drain, figures, out).write();
        out.flush();
        if (args.length == 2) {
            out.close();
        }
    }

    final Path work;
    final Path logs;
    final Map<String, String> drain;
    final Map<String, String> figures;
    final PrintStream out;
    final String name;
    final long orders;
    final Instant start;
    final Instant end;

    ProfileReport(Path work, Path logs, Map<String, String> drain, Map<String, String> figures, PrintStream out) {
        this.work = work;
        this.logs = logs;
        this.drain = drain;
        this.figures = figures;
        this.out = out;
        this.name = drain.getOrDefault("name", "ingest");
        this.orders = Math.max(1, Long.parseLong(drain.getOrDefault("orders", "1")));
        this.start = Instant.ofEpochMilli(Long.parseLong(drain.get("start_ms")));
        this.end = Instant.ofEpochMilli(Long.parseLong(drain.get("end_ms")));
    }

    void write() throws IOException {
        double seconds = Duration.between(start, end).toMillis() / 1000.0;
        out.printf(Locale.ROOT, "# Profile of the drain: %d orders (issue 16, %s, commit %s)%n%n", orders,
            drain.getOrDefault("date", "?"), drain.getOrDefault("commit", "?"));
        out.printf("`%s`, the drain `%s` of bench/run (a service started for a backlog of %s orders), with"
                + " JFR (`settings=profile`) on the service and pg_stat_statements loaded in PostgreSQL: both cost"
                + " something, so the figures are a little above a run without `--profile`. Every figure below is"
                + " of the drain's window, from the first stored order until all were stored (%d orders in %.1f s)."
                + "%n%n", drain.getOrDefault("command", "bench/run --profile"), name,
            drain.getOrDefault("target", "?"), orders, seconds);
        out.printf("Load average before the run: %s; at the drain's start: %s; at its end: %s (%s cores, shared"
                + " with other work: CPU per order is inflated by contention).%n%n", drain.getOrDefault("load_before", "?"),
            drain.getOrDefault("load_start", "?"), drain.getOrDefault("load_end", "?"), drain.getOrDefault("cores", "?"));
        figuresSection();
        threadsSection();
        jfrSections();
        statementsSection();
        perfSections();
        out.println("## How these were taken");
        out.println();
        out.println("bench/lib.sh `drain_rate` counts the stored orders from `/metrics` twice a second; at the first"
            + " stored order and when all are stored it reads each process's CPU (`cpu_ticks`, by PID) and, for"
            + " the profiled drain (`profile_drain_mark`), every thread's `utime+stime` and name from"
            + " `/proc/PID/task/*/stat` (names cut to 15 characters by the kernel), the load average,"
            + " and resets (start) or reads (end) `pg_stat_statements`. The JFR recording is of the whole service"
            + " run (`logs/service-" + name + ".jfr`); only its events that started inside the window are counted"
            + " here. perf samples PostgreSQL's backends at 499 Hz from the service's readiness for "
            + drain.getOrDefault("perf_seconds", "?") + " s (bench/lib.sh `profile_postgres`), which covers the"
            + " drain's first seconds (all of it when it is shorter). This file is written by"
            + " `bench/ProfileReport.java`.");
    }

    // 1. The drain's figures, as drain in bench/run recorded them.
    void figuresSection() {
        String p = name + "_";
        out.println("## The drain (bench/lib.sh drain_rate, CPU from /proc by PID)");
        out.println();
        out.printf("**%s orders/s**; CPU per order drained: **%s µs** (allows %s orders/s on all cores).%n%n",
            fig(p + "orders_per_s"), fig(p + "us_per_order_total"), fig(p + "cpu_bound_orders_per_s"));
        out.println("| process | µs per order | % of one core |");
        out.println("|---|---|---|");
        out.printf("| service | %s | %s |%n", fig(p + "us_per_order_service"), fig(p + "cpu_service_pct"));
        out.printf("| PostgreSQL | %s | %s |%n", fig(p + "us_per_order_postgres"), fig(p + "cpu_postgres_pct"));
        out.printf("| nats-server | %s | %s |%n", fig(p + "us_per_order_nats"), fig(p + "cpu_nats_pct"));
        out.printf("| **all** | **%s** | |%n%n", fig(p + "us_per_order_total"));
    }

    // 2. The service's CPU by thread: utime+stime of each thread alive at the end, less what it had
    // used at the start (threads started during the window from 0), grouped by name without its
    // trailing number.
    void threadsSection() throws IOException {
        Path startFile = logs.resolve("profile-threads-start.tsv");
        Path endFile = logs.resolve("profile-threads-end.tsv");
        out.println("## Service CPU by thread during the drain (/proc/PID/task)");
        out.println();
        if (!Files.exists(startFile) || !Files.exists(endFile)) {
            out.println("No thread snapshots (logs/profile-threads-*.tsv).");
            out.println();
            return;
        }
        Map<String, Task> before = tasks(startFile);
        Map<String, Task> after = tasks(endFile);
        double tick = 1e6 / Double.parseDouble(drain.getOrDefault("clk_tck", "100"));
        Map<String, long[]> groups = new HashMap<>();  // name -> {ticks, threads}
        long sum = 0;
        int born = 0;
        for (var e : after.entrySet()) {
            Task was = before.get(e.getKey());
            if (was == null) {
                born++;
            }
            long delta = e.getValue().ticks() - (was == null ? 0 : was.ticks());
            long[] g = groups.computeIfAbsent(group(e.getValue().comm()), k -> new long[2]);
            g[0] += delta;
            g[1]++;
            sum += delta;
        }
        long died = before.keySet().stream().filter(t -> !after.containsKey(t)).count();
        long process = Long.parseLong(drain.getOrDefault("end_service_ticks", "0"))
            - Long.parseLong(drain.getOrDefault("start_service_ticks", "0"));
        out.println("| thread (name less its number) | threads | µs per order | share |");
        out.println("|---|---|---|---|");
        long all = sum;
        out.printf(Locale.ROOT, "| **all threads alive at the end** | %d | **%.1f** | 100%% |%n", after.size(), all * tick / orders);
        groups.entrySet().stream()
            .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0]).thenComparing(Map.Entry::getKey))
            .filter(e -> e.getValue()[0] > 0)
            .forEach(e -> out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f%% |%n", e.getKey().replace("|", "\\|"),
                e.getValue()[1], e.getValue()[0] * tick / orders, all > 0 ? 100.0 * e.getValue()[0] / all : 0));
        out.println();
        out.printf(Locale.ROOT, "The process as a whole (/proc/PID/stat, read just after the threads at each end): %.1f µs"
                + " per order, %+.1f against the sum above: the CPU of the %d thread(s) that ended during the window,"
                + " missed here, less what the threads used between their snapshot and the process's. %d thread(s)"
                + " started during the window, counted from 0. CPU is counted in ticks of %.0f ms.%n%n",
            process * tick / orders, (process - sum) * tick / orders, died, born, tick / 1000);
    }

    static String group(String comm) {
        if (comm == null) {
            return "?";
        }
        String g = comm.replaceAll("\\d+$", "");
        return g.isEmpty() ? comm : g;
    }

    record Task(long ticks, String comm) { }

    // TID<TAB>TICKS<TAB>NAME lines, as profile_drain_mark writes them
    static Map<String, Task> tasks(Path file) throws IOException {
        Map<String, Task> tasks = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t", 3);
            if (f.length == 3) {
                tasks.put(f[0], new Task(Long.parseLong(f[1]), f[2]));
            }
        }
        return tasks;
    }

    // 3-5. JFR: execution samples, allocation samples and collections that started in the window.
    void jfrSections() throws IOException {
        Path jfr = logs.resolve("service-" + name + ".jfr");
        if (!Files.exists(jfr)) {
            out.println("## JFR");
            out.println();
            out.println("No recording (" + logs.relativize(jfr) + " is missing: the service did not stop normally?).");
            out.println();
            return;
        }
        Counter ingest = new Counter();
        Counter writers = new Counter();
        Counter self = new Counter();
        Counter byThread = new Counter();
        Counter allocation = new Counter();
        Map<String, double[]> gc = new TreeMap<>();  // name -> {count, pauses ms, longest ms, duration ms}
        long samplesInRecording = 0;
        try (RecordingFile recording = new RecordingFile(jfr)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                String type = e.getEventType().getName();
                boolean sample = type.equals("jdk.ExecutionSample");
                samplesInRecording += sample ? 1 : 0;
                Instant t = e.getStartTime();
                if (t.isBefore(start) || t.isAfter(end)) {
                    continue;
                }
                switch (type) {
                    case "jdk.ExecutionSample" -> {
                        RecordedThread thread = e.getThread("sampledThread");
                        String threadName = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
                        List<RecordedFrame> frames = frames(e.getStackTrace());
                        byThread.add(group(threadName), 1);
                        self.add(frames.isEmpty() ? "(no stack trace)" : frameName(frames.get(0)), 1);
                        if (threadName.equals("ingest")) {
                            ingest.add(projectFrameAndCaller(frames), 1);
                        } else if (threadName.startsWith("ingest-writer-")) {
                            writers.add(projectFrameAndCaller(frames), 1);
                        }
                    }
                    case "jdk.ObjectAllocationSample" -> {
                        List<RecordedFrame> frames = frames(e.getStackTrace());
                        int i = innermostProject(frames);
                        RecordedThread thread = e.getThread();
                        String where = i >= 0 ? frameName(frames.get(i))
                            : "(outside the project, thread " + group(thread == null ? null : thread.getJavaName()) + ")";
                        allocation.add(where, e.getLong("weight"));
                    }
                    case "jdk.GarbageCollection" -> {
                        double[] g = gc.computeIfAbsent(e.getString("name"), k -> new double[4]);
                        g[0]++;
                        g[1] += e.getDuration("sumOfPauses").toNanos() / 1e6;
                        g[2] = Math.max(g[2], e.getDuration("longestPause").toNanos() / 1e6);
                        g[3] += e.getDuration().toNanos() / 1e6;
                    }
                    default -> { }
                }
            }
        }
        out.printf("## JFR execution samples (%d in the drain's window, of %d in the recording)%n%n",
            self.total, samplesInRecording);
        out.println("Samples by thread (name less its number): " + String.join(", ",
            byThread.top(12).stream().map(e -> e.getKey() + " " + e.getValue()).toList()) + ".");
        out.println();
        out.printf("### ingest thread (pull hand-over, decode, validate, canonical JSON, hash): innermost project frame"
            + " and its caller (%d samples)%n%n", ingest.total);
        block(ingest, 16, false);
        out.printf("### writer threads, ingest-writer-* (COPY encoding, PostgreSQL round trips, cache, acks):"
            + " innermost project frame and its caller (%d samples)%n%n", writers.total);
        block(writers, 16, false);
        out.printf("### all threads, top frames (self) (%d samples)%n%n", self.total);
        block(self, 20, false);
        out.printf(Locale.ROOT, "## Allocation by innermost project frame (jdk.ObjectAllocationSample weights: %.0f MiB in"
                + " the window, **%.1f KiB per order drained**)%n%n", allocation.total / 1048576.0,
            allocation.total / 1024.0 / orders);
        block(allocation, 14, true);
        out.println("## GC during the drain (jdk.GarbageCollection)");
        out.println();
        if (gc.isEmpty()) {
            out.println("No collection started in the window.");
        } else {
            double count = 0;
            double pauses = 0;
            double longest = 0;
            for (double[] g : gc.values()) {
                count += g[0];
                pauses += g[1];
                longest = Math.max(longest, g[2]);
            }
            out.printf(Locale.ROOT, "**%.0f collections, pauses %.1f ms in all** (longest %.2f ms):%n%n", count, pauses, longest);
            out.println("| collection | count | pauses, ms | longest pause, ms | duration, ms (concurrent with ZGC) |");
            out.println("|---|---|---|---|---|");
            gc.forEach((n, g) -> out.printf(Locale.ROOT, "| %s | %.0f | %.1f | %.2f | %.0f |%n", n, g[0], g[1], g[2], g[3]));
            out.println();
            out.println("A concurrent collector's work is its threads' CPU in the table by thread above (ZGC: ZWorker,"
                + " ZDriver, ...; G1: GC Thread, G1 Conc, ...).");
        }
        out.println();
    }

    static List<RecordedFrame> frames(RecordedStackTrace stack) {
        return stack == null ? List.of() : stack.getFrames();
    }

    static boolean isProject(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        String type = m == null ? "" : m.getType().getName();
        return type.startsWith(PROJECT) && !isLambda(f);
    }

    static boolean isLambda(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        return m != null && (m.isHidden() || LAMBDA.matcher(m.getType().getName()).find());
    }

    static int innermostProject(List<RecordedFrame> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (isProject(frames.get(i))) {
                return i;
            }
        }
        return -1;
    }

    static String projectFrameAndCaller(List<RecordedFrame> frames) {
        int i = innermostProject(frames);
        if (i < 0) {
            return "(no project frame) " + (frames.isEmpty() ? "(no stack trace)" : frameName(frames.get(0)));
        }
        int caller = i + 1;
        while (caller < frames.size() && isLambda(frames.get(caller))) {
            caller++;  // the lambda's own class: its caller says more
        }
        return frameName(frames.get(i)) + " < " + (caller < frames.size() ? frameName(frames.get(caller)) : "(truncated)");
    }

    // Class.method without the package; a lambda's hidden class without its address
    static String frameName(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        if (m == null) {
            return "?";
        }
        String type = LAMBDA.matcher(m.getType().getName()).replaceFirst("\\$\\$Lambda");
        return type.substring(type.lastIndexOf('.') + 1) + "." + m.getName();
    }

    void block(Counter counter, int top, boolean kibPerOrder) {
        out.println("```");
        if (counter.total == 0) {
            out.println("(none in the window)");
        }
        for (var e : counter.top(top)) {
            double share = 100.0 * e.getValue() / counter.total;
            if (kibPerOrder) {
                out.printf(Locale.ROOT, "%5.1f%% %6.2f KiB/order  %s%n", share, e.getValue() / 1024.0 / orders, e.getKey());
            } else {
                out.printf(Locale.ROOT, "%5.1f%% %s%n", share, e.getKey());
            }
        }
        out.println("```");
        out.println();
    }

    static final class Counter {
        final Map<String, Long> counts = new HashMap<>();
        long total;

        void add(String key, long n) {
            counts.merge(key, n, Long::sum);
            total += n;
        }

        List<Map.Entry<String, Long>> top(int n) {
            return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n).toList();
        }
    }

    // 6. PostgreSQL's statements during the window, as profile_drain_mark read them at its end.
    void statementsSection() throws IOException {
        out.println("## PostgreSQL statements during the drain (pg_stat_statements; time inside PostgreSQL, wall"
            + " time, inflated by the load average: the shares are what count)");
        out.println();
        Path file = logs.resolve("profile-statements.txt");
        String text = Files.exists(file) ? Files.readString(file).replaceAll("^\\s*\n|\\s+$", "") : "";
        if (text.isEmpty()) {
            out.println("No statements: pg_stat_statements could not be read (see logs/profile-statements.txt).");
        } else {
            out.println("```");
            out.println(text);
            out.println("```");
        }
        out.println();
    }

    static final Pattern PERF_LINE = Pattern.compile("^\\s*([0-9.]+)%\\s+([0-9.]+)%\\s+(.*)$");

    // PostgreSQL's backends under perf: postgres_profile's report (children and self of each symbol).
    void perfSections() throws IOException {
        Path full = work.resolve("postgres-perf.txt");
        Path kept = logs.resolve("postgres-profile.txt");
        Path file = Files.exists(full) ? full : kept;
        List<String[]> rows = new ArrayList<>();
        String samples = "";
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("# Samples:")) {
                    samples = line.substring(2).strip();
                }
                Matcher m = PERF_LINE.matcher(line);
                if (m.matches() && !m.group(3).contains("] 0x")) {
                    // "[.] symbol", without the IPC columns perf may add after it
                    rows.add(new String[] {m.group(1), m.group(2), m.group(3).strip().replaceFirst("^(\\[.\\]\\s+\\S+).*", "$1")});
                }
            }
        }
        if (rows.isEmpty()) {
            out.println("## PostgreSQL backends, perf samples");
            out.println();
            out.println("No perf profile: perf is not installed (apt-get install linux-perf), or it could not record"
                + " PostgreSQL's backends here (perf_event_paranoid, a container); see the run's output.");
            out.println();
            return;
        }
        String of = "the first " + drain.getOrDefault("perf_seconds", "?") + " s after the service was ready; "
            + (samples.isEmpty() ? "" : samples + "; ")
            + (file == kept ? "from logs/postgres-profile.txt, its first 60 symbols only" : "postgres-perf.txt");
        out.printf("## PostgreSQL backends, perf samples, self (%s)%n%n", of);
        out.println("```");
        rows.stream().sorted(Comparator.comparingDouble((String[] r) -> -Double.parseDouble(r[1]))).limit(30)
            .forEach(r -> out.printf("%9s%%  %s%n", r[1], r[2]));
        out.println("```");
        out.println();
        out.println("## PostgreSQL backends, perf samples, inclusive (children, self)");
        out.println();
        out.println("```");
        rows.stream().limit(30).forEach(r -> out.printf("%9s%% %9s%%  %s%n", r[0], r[1], r[2]));
        out.println("```");
        out.println();
    }

    String fig(String key) {
        return figures.getOrDefault(key, "?");
    }

    // KEY<TAB>VALUE lines; the last value of a key wins, as bench/lib.sh get_figure reads them
    static Map<String, String> keyValues(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    values.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        }
        return values;
    }
}
