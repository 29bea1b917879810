package dev.orderservice.access;

import dev.orderservice.digest.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API tokens from {@code ORDERS_AUTH_TOKENS_FILE}: one per line, {@code NAME SCOPES SHA256HEX}
 * (scopes comma-separated; {@code #} starts a comment). The file holds only SHA-256 hashes, so
 * neither it nor this process's memory holds a token; a presented token is hashed and looked up.
 *
 * <p>Invariants: the table is an immutable map swapped in whole by {@link #reloadIfChanged}, so a
 * lookup never sees half a file. A line that does not parse is reported with its number (never
 * its text) and left out; the other lines still count. A file that cannot be read any more counts
 * as empty: revoking by removing the file must not leave the old tokens working.
 *
 * <p>Lookups are by hash in a hash map, then a constant-time compare of the two digests: a
 * token's time to be refused says nothing about how close it came.
 */
final class TokenFile {

    private static final Logger LOG = LoggerFactory.getLogger(TokenFile.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    /** One digest per thread: the selector thread hashes a token per request, and getInstance is a provider lookup. */

    /** One line of the file. */
    record Entry(byte[] sha256, Principal principal, Authentication granted) {
    }

    /** What identifies a version of the file without reading it. */
    private record Stamp(long modifiedNanos, long size, Object key) {
    }

    private final Path path;
    private volatile Map<ByteBuffer, Entry> entries = Map.of();
    private Stamp stamp;

    private TokenFile(Path path) {
        this.path = path;
    }

    /**
     * Reads the file for the first time.
     *
     * @throws IOException when it cannot be read: a service told to use it does not start without it
     */
    static TokenFile load(Path path) throws IOException {
        TokenFile file = new TokenFile(path);
        file.stamp = file.stamp();
        file.entries = file.parse(Files.readAllLines(path, StandardCharsets.UTF_8));
        LOG.info("{} API token(s) from {}", file.entries.size(), path);
        return file;
    }

    /** The token's entry, or null when no line holds its hash. */
    Entry find(String token) {
        return byHash(sha256(token));
    }

    Entry byHash(byte[] sha256) {
        Entry entry = entries.get(ByteBuffer.wrap(sha256));
        return entry != null && MessageDigest.isEqual(entry.sha256(), sha256) ? entry : null;
    }

    /** Reads the file again when its size, time or identity changed; called every poll interval. */
    void reloadIfChanged() {
        Stamp now;
        try {
            now = stamp();
        } catch (IOException e) {
            if (!entries.isEmpty() || stamp != null) {
                LOG.warn("cannot read the tokens file {} ({}): no API token is accepted until it is back", path,
                        e instanceof NoSuchFileException ? "it is gone" : e.getMessage());
            }
            entries = Map.of();
            stamp = null;
            return;
        }
        if (now.equals(stamp)) {
            return;
        }
        try {
            Map<ByteBuffer, Entry> fresh = parse(Files.readAllLines(path, StandardCharsets.UTF_8));
            entries = fresh;
            stamp = now;
            LOG.info("tokens file {} changed: {} API token(s)", path, fresh.size());
        } catch (IOException e) {
            LOG.warn("cannot read the tokens file {} ({}); trying again", path, e.getMessage());
        }
    }

    private Stamp stamp() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        return new Stamp(attributes.lastModifiedTime().toInstant().getEpochSecond() * 1_000_000_000L
                + attributes.lastModifiedTime().toInstant().getNano(), attributes.size(), attributes.fileKey());
    }

    private Map<ByteBuffer, Entry> parse(List<String> lines) {
        Map<ByteBuffer, Entry> parsed = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int comment = line.indexOf('#');
            String content = (comment < 0 ? line : line.substring(0, comment)).strip();
            if (content.isEmpty()) {
                continue;
            }
            String problem = parseLine(content, parsed);
            if (problem != null) {
                LOG.warn("tokens file {} line {}: {}; the line is ignored", path, i + 1, problem);
            }
        }
        return Map.copyOf(parsed);
    }

    /** Adds the line's entry, or says what is wrong with it. */
    private static String parseLine(String content, Map<ByteBuffer, Entry> parsed) {
        String[] fields = content.split("\\s+");
        if (fields.length != 3) {
            return "expected NAME SCOPES SHA256HEX, found " + fields.length + " field(s)";
        }
        if (!NAME.matcher(fields[0]).matches()) {
            return "the name must be 1-128 of A-Z a-z 0-9 . _ @ : -, starting with a letter or digit";
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String code : fields[1].split(",")) {
            Scope scope = Scope.of(code);
            if (scope == null) {
                return "unknown scope '" + code.replaceAll("[^ -~]", "?") + "' (known: orders:read, orders:list, "
                        + "rejected:read, ops)";
            }
            scopes.add(scope);
        }
        if (!SHA256_HEX.matcher(fields[2]).matches()) {
            return "the third field must be the token's SHA-256 as 64 hex digits (never the token itself)";
        }
        byte[] hash = HexFormat.of().parseHex(fields[2]);
        if (parsed.containsKey(ByteBuffer.wrap(hash))) {
            return "the same hash as an earlier line";
        }
        Principal principal = new Principal(fields[0], "token", scopes, null);
        parsed.put(ByteBuffer.wrap(hash), new Entry(hash, principal, Authentication.granted(principal)));
        return null;
    }

    static byte[] sha256(String token) {
        return Sha256.of(token.getBytes(StandardCharsets.UTF_8));
    }

}
