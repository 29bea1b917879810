package dev.orderservice.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.sun.management.ThreadMXBean;
import dev.orderservice.json.Json;
import dev.orderservice.model.Order;
import dev.orderservice.model.OrderJson;
import dev.orderservice.validation.DecodePaths;
import dev.orderservice.validation.MessageDecoder;
import java.io.File;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * CPU and allocation per decode of {@link MessageDecoder} on valid 3-item orders and on publish
 * --invalid's garbage, in one JVM: as the service decodes now (the one-pass reader first), by the
 * tree path alone of this build, and, given the classes of an earlier build, by that build's own
 * decoder (loaded apart, with its own Jackson). The canonical JSON is weighed the same way, the
 * mapper's record serialiser against {@link OrderJson#write}. The variants take turns round after
 * round and each is reported by its median round, so a neighbour's burst or the JIT's late work
 * weighs on all of them alike; time is the thread's CPU time, not the wall clock a busy machine
 * stretches.
 *
 * <p>Usage: {@code java -cp TEST_CP dev.orderservice.bench.DecodeCpu [ROUNDS [DECODES_PER_ROUND
 * [EARLIER_CLASSES_DIR]]]}; the earlier build's dependencies are taken from this class path.
 */
public final class DecodeCpu {

    private static final int MESSAGES = 1024;
    private static final int WARM_UP_ROUNDS = 5;
    private static final int MAX_MESSAGE_BYTES = 256 * 1024;

    private DecodeCpu() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        MethodHandle earlier = args.length > 2 ? earlierDecoder(Path.of(args[2])) : null;
        MessageDecoder decoder = new MessageDecoder(MAX_MESSAGE_BYTES);
        Order[] orders = DecodeCorpus.threeItemOrders(MESSAGES, 7);
        byte[][] valid = DecodeCorpus.messages(orders);
        byte[][] garbage = DecodeCorpus.garbage(MESSAGES, 7);
        ObjectWriter recordWriter = Json.mapper().writerFor(Order.class);
        Map<String, IntUnaryOperator> variants = new LinkedHashMap<>();
        for (var corpus : List.of(Map.entry("valid 3-item", valid), Map.entry("garbage mix", garbage))) {
            byte[][] m = corpus.getValue();
            if (earlier != null) {
                variants.put(corpus.getKey() + ": earlier build", i -> invoke(earlier, m[i]));
            }
            variants.put(corpus.getKey() + ": tree path alone", i -> id(DecodePaths.byTreeAlone(decoder, m[i])));
            variants.put(corpus.getKey() + ": now", i -> id(decoder.decode(m[i])));
        }
        variants.put("canonical JSON: record serialiser", i -> serialise(recordWriter, orders[i]).length);
        variants.put("canonical JSON: OrderJson.write", i -> OrderJson.write(orders[i]).length);
        report(measure(variants, rounds, perRound), rounds, perRound);
    }

    /** CPU µs and bytes allocated per call, each variant's rounds in [0] and [1]. */
    private static Map<String, double[][]> measure(Map<String, IntUnaryOperator> variants, int rounds, int perRound) {
        Map<String, double[][]> results = new LinkedHashMap<>();
        variants.keySet().forEach(name -> results.put(name, new double[2][rounds]));
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
            for (Map.Entry<String, IntUnaryOperator> variant : variants.entrySet()) {
                long allocated = threads.getCurrentThreadAllocatedBytes();
                long cpu = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < perRound; i++) {
                    sink += variant.getValue().applyAsInt(i & (MESSAGES - 1));
                }
                if (round >= 0) {
                    results.get(variant.getKey())[0][round] = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / perRound;
                    results.get(variant.getKey())[1][round] =
                            (double) (threads.getCurrentThreadAllocatedBytes() - allocated) / perRound;
                }
            }
        }
        System.out.println("(checksum " + sink + ")");
        return results;
    }

    private static void report(Map<String, double[][]> results, int rounds, int perRound) {
        System.out.printf(Locale.ROOT, "%-40s %10s %10s %10s %12s%n", rounds + " rounds of " + perRound,
                "median µs", "min µs", "max µs", "bytes/call");
        results.forEach((name, figures) -> System.out.printf(Locale.ROOT, "%-40s %10.2f %10.2f %10.2f %12.0f%n",
                name, median(figures[0]), Arrays.stream(figures[0]).min().orElseThrow(),
                Arrays.stream(figures[0]).max().orElseThrow(), median(figures[1])));
    }

    /** {@code MessageDecoder.decode} of the classes in {@code dir}, with this class path's libraries. */
    private static MethodHandle earlierDecoder(Path dir) throws ReflectiveOperationException {
        List<URL> urls = new ArrayList<>(List.of(url(dir.toString())));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                urls.add(url(entry));
            }
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Class<?> type = loader.loadClass(MessageDecoder.class.getName());
        Object decoder = type.getConstructor(int.class).newInstance(MAX_MESSAGE_BYTES);
        return MethodHandles.publicLookup()
                .findVirtual(type, "decode", MethodType.methodType(type.getMethod("decode", byte[].class)
                        .getReturnType(), byte[].class))
                .bindTo(decoder).asType(MethodType.methodType(Object.class, byte[].class));
    }

    private static int invoke(MethodHandle decode, byte[] payload) {
        try {
            return id((Object) decode.invokeExact(payload));
        } catch (Throwable e) {
            throw new IllegalStateException("the earlier decoder threw", e);
        }
    }

    private static byte[] serialise(ObjectWriter writer, Order order) {
        try {
            return writer.writeValueAsBytes(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an Order record always serialises", e);
        }
    }

    /** Keeps the result alive without the cost of hashing its content. */
    private static int id(Object result) {
        return System.identityHashCode(result);
    }

    private static URL url(String path) {
        try {
            return new File(path).toURI().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
