package dev.orderservice.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bench/isolation.sh's flood from a client the service does not exempt: GETs of random ids never
 * stored, on {@code connections} connections bound to a local address of choice (any 127.x.y.z is
 * this machine), each asking again as soon as it is answered, as wrk does; wrk cannot pick its
 * source address. One thread, one selector. Prints one line of answers by status at the end, or
 * when stopped (SIGTERM).
 *
 * <pre>Flood HOST PORT LOCAL_ADDRESS CONNECTIONS SECONDS</pre>
 */
public final class Flood {

    private static final int BUFFER_BYTES = 64 * 1024;

    private record Connection(SocketChannel channel, ByteBuffer in) {
    }

    private Flood() {
    }

    public static void main(String[] args) throws IOException {
        InetSocketAddress target = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        String local = args[2];
        int connections = Integer.parseInt(args[3]);
        long deadline = System.nanoTime() + Long.parseLong(args[4]) * 1_000_000_000L;
        Map<Integer, Long> answers = new ConcurrentSkipListMap<>();
        AtomicLong errors = new AtomicLong();
        long started = System.nanoTime();
        Thread report = new Thread(() -> report(answers, errors.get(), started));
        Runtime.getRuntime().addShutdownHook(report);
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < connections; i++) {
                open(selector, target, local);
            }
            while (System.nanoTime() < deadline) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    try {
                        if (key.isConnectable()) {
                            connection.channel().finishConnect();
                            send(connection.channel());
                            key.interestOps(SelectionKey.OP_READ);
                        } else if (key.isReadable()) {
                            int status = receive(connection);
                            if (status > 0) {
                                answers.merge(status, 1L, Long::sum);
                                send(connection.channel());
                            }
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        key.cancel();
                        connection.channel().close();
                        open(selector, target, local);
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        Runtime.getRuntime().removeShutdownHook(report);
        report(answers, errors.get(), started);
    }

    private static void report(Map<Integer, Long> answers, long errors, long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        long total = answers.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder line = new StringBuilder("flood: answers=" + total + " per_s=" + Math.round(total / seconds)
                + " errors=" + errors);
        answers.forEach((status, count) -> line.append(" status_").append(status).append('=').append(count));
        System.out.println(line);
    }

    private static void open(Selector selector, InetSocketAddress target, String local) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.bind(new InetSocketAddress(local, 0));
        channel.configureBlocking(false);
        channel.connect(target);
        channel.register(selector, SelectionKey.OP_CONNECT, new Connection(channel, ByteBuffer.allocate(BUFFER_BYTES)));
    }

    private static void send(SocketChannel channel) throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String request = "GET /api/orders/never-" + random.nextLong(1L << 62) + " HTTP/1.1\r\nHost: bench\r\n\r\n";
        ByteBuffer bytes = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Reads what has come; the answer's status once it is complete, else 0. */
    private static int receive(Connection connection) throws IOException {
        ByteBuffer in = connection.in();
        if (connection.channel().read(in) < 0) {
            throw new IOException("closed by the service");
        }
        String head = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
        int end = head.indexOf("\r\n\r\n");
        if (end < 0) {
            return 0;
        }
        int length = 0;
        for (String line : head.substring(0, end).split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        int complete = end + 4 + length;
        if (in.position() < complete) {
            return 0;
        }
        int status = Integer.parseInt(head.substring(9, 12));
        in.flip();
        in.position(complete);
        in.compact();
        return status;
    }
}
