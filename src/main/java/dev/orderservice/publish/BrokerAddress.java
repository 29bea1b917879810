package dev.orderservice.publish;

import dev.orderservice.embedded.RuntimeFile;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where to publish: the URL given (flag or ORDERS_NATS_URL), else the embedded broker a local
 * {@code serve} announced in its runtime file. The source is kept so a connection failure can say
 * whether the address was given or found (a found one may be stale after a crash).
 *
 * @param url      one or more NATS URLs, comma-separated
 * @param foundIn  the runtime file the URL came from; null when it was given
 */
record BrokerAddress(String url, Path foundIn) {

    /**
     * @param givenUrl the URL(s) given, or null
     * @throws PublishException when no URL is given and no running serve left one in {@code dataDir}
     */
    static BrokerAddress resolve(String givenUrl, Path dataDir) throws PublishException {
        if (givenUrl != null) {
            return new BrokerAddress(givenUrl, null);
        }
        Optional<String> found = RuntimeFile.read(dataDir)
                .map(values -> values.getProperty(RuntimeFile.NATS_URL))
                .filter(url -> !url.isBlank());
        if (found.isEmpty()) {
            throw new PublishException("no NATS URL given and no running serve found in " + dataDir
                    + "; start `serve` or pass --nats-url");
        }
        return new BrokerAddress(found.get().trim(), RuntimeFile.in(dataDir));
    }

    /** A hint for a failed connection: a found address may belong to a serve that has stopped. */
    String unreachableHint() {
        return foundIn == null
                ? "check --nats-url / ORDERS_NATS_URL"
                : "the address comes from " + foundIn + "; is serve still running?";
    }
}
