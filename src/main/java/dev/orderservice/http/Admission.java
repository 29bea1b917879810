package dev.orderservice.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import dev.orderservice.config.Defaults;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import com.google.common.net.InetAddresses;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.DoSHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.InetAddressPattern;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Who may come in over HTTP, and how fast: a limit on open connections (Jetty's
 * {@link NetworkConnectionLimit}: past it the server stops accepting, so new connections wait in
 * the kernel's backlog until one closes), a request rate per client (Jetty's {@link DoSHandler},
 * a leaking bucket per client: past it a 429 problem with {@code Retry-After}, sent after
 * {@link #REJECT_DELAY} so that a client asking again at once is slowed down), and a cap on the
 * live feeds one client holds open ({@link LiveFeed}, a 429 problem too).
 *
 * <p><b>A client is its remote address</b> (an IPv6 client is its /64, what one host usually
 * holds), never the principal: the rate check runs in front of the router, before any credential
 * is looked at, so a flood costs one map lookup per request and not a token check; and an address
 * cannot be multiplied the way invented tokens could, each with a fresh bucket. The addresses in
 * {@link Limits#exempt} are not limited per client: by default loopback, which is this machine
 * (the only clients of a service without authentication, and a reverse proxy on the same host,
 * which would put every user behind it into one bucket; it limits per user itself).
 */
public final class Admission {

    /** How long a request over its client's rate waits for its 429. */
    static final Duration REJECT_DELAY = Duration.ofMillis(500);
    /** Refusals held back at once without a connection limit; past it the oldest is answered at once. */
    static final int MAX_HELD_REFUSALS = 4096;
    private static final HttpField RETRY_RATE = new PreEncodedHttpField(HttpHeader.RETRY_AFTER, "1");
    private static final HttpField RETRY_LIVE = new PreEncodedHttpField(HttpHeader.RETRY_AFTER, "10");
    private static final byte[] RATE_LIMITED = Problems.encode(HttpStatus.TOO_MANY_REQUESTS_429, "rate-limited",
            "this client sends more requests per second than the service admits; slow down and retry after "
            + "the Retry-After seconds");

    /**
     * @param maxConnections open HTTP connections at most; 0: no limit
     * @param ratePerSecond  requests per second one client may send on average; 0: no limit
     * @param burst          requests one client may send at once (the bucket); then {@code ratePerSecond}
     * @param livePerClient  live feeds one client may hold open; 0: no limit (the feed's total still holds)
     * @param exempt         addresses and CIDR ranges not limited per client (rate, live feeds)
     */
    public record Limits(int maxConnections, int ratePerSecond, int burst, int livePerClient, List<String> exempt) {

        public Limits {
            exempt = List.copyOf(exempt);
        }

        /** The defaults of {@code serve}, for tests and embedders. */
        public static Limits defaults() {
            return new Limits(Integer.parseInt(Defaults.HTTP_MAX_CONNECTIONS), Integer.parseInt(Defaults.HTTP_RATE_LIMIT),
                    Integer.parseInt(Defaults.HTTP_RATE_BURST), Integer.parseInt(Defaults.LIVE_PER_CLIENT),
                    exemptList(Defaults.HTTP_LIMIT_EXEMPT));
        }

        /** A comma-separated list of addresses, ranges and CIDR blocks; {@code none} or empty: none. */
        public static List<String> exemptList(String text) {
            String list = text == null ? "" : text.strip();
            if (list.isEmpty() || list.equalsIgnoreCase("none")) {
                return List.of();
            }
            return Arrays.stream(list.split(",")).map(String::strip).toList();
        }
    }

    /** Why a request was refused: the {@code reason} tag of {@code orders.http.refused}. */
    public enum Refusal {
        RATE_LIMIT("rate_limit"), LIVE_PER_CLIENT("live_per_client"), LIVE_FULL("live_full");

        private final String tag;

        Refusal(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final Limits limits;
    private final InetAddressSet exempt = new InetAddressSet();
    private final AtomicLongArray refused = new AtomicLongArray(Refusal.values().length);
    private final AtomicLong connectionLimitReached = new AtomicLong();
    private volatile NetworkConnectionLimit connectionLimit;

    /** @throws IllegalArgumentException when an exempt entry is not an address, a range or a CIDR block */
    public Admission(Limits limits) {
        this.limits = limits;
        for (String pattern : limits.exempt()) {
            if (!isLiteral(pattern)) {
                throw new IllegalArgumentException("'" + pattern + "' is not an address, a range a-b or a CIDR block");
            }
            try {
                exempt.add(pattern);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + pattern + "' is not an address, a range a-b or a CIDR block");
            }
        }
    }

    /**
     * An address, a range a-b or a CIDR block written with literal addresses only (Guava's
     * {@link InetAddresses#isInetAddress}): Jetty's parser takes any name to DNS (and "cafe" or
     * "ad.be" are names, whatever their letters look like), and old short forms ("10.1" for
     * 10.0.0.1) would exempt an address nobody meant.
     */
    private static boolean isLiteral(String pattern) {
        int slash = pattern.indexOf('/');
        if (slash >= 0) {
            String bits = pattern.substring(slash + 1);
            return InetAddresses.isInetAddress(pattern.substring(0, slash)) && !bits.isEmpty() && bits.length() <= 3
                    && bits.chars().allMatch(Character::isDigit);
        }
        int dash = pattern.indexOf('-');
        if (dash >= 0) {
            return InetAddresses.isInetAddress(pattern.substring(0, dash))
                    && InetAddresses.isInetAddress(pattern.substring(dash + 1));
        }
        return InetAddresses.isInetAddress(pattern);
    }

    public static Admission defaults() {
        return new Admission(Limits.defaults());
    }

    public Limits limits() {
        return limits;
    }

    /** Requests refused for this reason so far. */
    public long refused(Refusal reason) {
        return refused.get(reason.ordinal());
    }

    /** Times the connection limit was reached and the server stopped accepting. */
    public long connectionLimitReached() {
        return connectionLimitReached.get();
    }

    /** Open network connections (0 without a limit, which is what counts them). */
    public int connections() {
        NetworkConnectionLimit limit = connectionLimit;
        return limit == null ? 0 : limit.getNetworkConnectionCount();
    }

    /** The client a request counts against, or null when its address is exempt from per-client limits. */
    String client(Request request) {
        InetAddress address = address(request.getConnectionMetaData().getRemoteSocketAddress());
        if (address == null) {
            return "";
        }
        if (exempt.test(address)) {
            return null;
        }
        return clientOf(address);
    }

    private static InetAddress address(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    private static String clientOf(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            StringBuilder prefix = new StringBuilder(24);
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        }
        return address.getHostAddress();
    }

    /** Adds the connection limit to the server's connectors, when there is one. */
    void limitConnections(Server server) {
        if (limits.maxConnections() <= 0) {
            return;
        }
        NetworkConnectionLimit limit = new NetworkConnectionLimit(limits.maxConnections(), server) {
            @Override
            protected void limit() {
                connectionLimitReached.incrementAndGet();
                super.limit();
            }
        };
        connectionLimit = limit;
        server.addBean(limit);
    }

    /** {@code next} behind the per-client rate limit, or {@code next} itself when there is none. */
    Handler rateLimited(Handler next) {
        if (limits.ratePerSecond() <= 0) {
            return next;
        }
        var buckets = new DoSHandler.LeakingBucketTrackerFactory(limits.ratePerSecond(),
                limits.burst() + 1, null);
        // a refusal waits REJECT_DELAY: a client that sends its next request as soon as an answer
        // comes (a flood on a few hundred connections does) is slowed to a request per connection
        // per delay, instead of being answered as fast as it asks; the held refusals cost no thread
        int held = limits.maxConnections() > 0 ? limits.maxConnections() : MAX_HELD_REFUSALS;
        var delayed = new DoSHandler.DelayedRejectHandler(REJECT_DELAY.toMillis(), held, this::refuseRate);
        DoSHandler dos = new DoSHandler(next, Admission::clientId, buckets, delayed, -1);
        for (String pattern : limits.exempt()) {
            dos.exclude(InetAddressPattern.from(pattern));
        }
        return dos;
    }

    private static String clientId(Request request) {
        InetAddress address = address(request.getConnectionMetaData().getRemoteSocketAddress());
        return address == null ? "" : clientOf(address);
    }

    private boolean refuseRate(Request request, Response response, Callback callback) {
        refused.incrementAndGet(Refusal.RATE_LIMIT.ordinal());
        response.getHeaders().put(RETRY_RATE);
        Problems.send(response, callback, HttpStatus.TOO_MANY_REQUESTS_429, RATE_LIMITED);
        return true;
    }

    /** Answers a live feed this instance will not open, and counts it. */
    void refuseLive(Refusal reason, Response response, Callback callback) {
        refused.incrementAndGet(reason.ordinal());
        response.getHeaders().put(RETRY_LIVE);
        if (reason == Refusal.LIVE_PER_CLIENT) {
            Problems.send(response, callback, HttpStatus.TOO_MANY_REQUESTS_429, "live-feeds-per-client",
                    "this client already holds " + limits.livePerClient() + " live feeds open, the most one client "
                    + "may; close one (another tab?) and retry");
        } else {
            Problems.send(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "live-feed-full",
                    "too many browsers are watching live; try again later");
        }
    }
}
