package im.magpie.client;

import im.magpie.client.internal.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code known_servers} file of a profile directory: the TLS certificates pinned on first use,
 * like ssh's {@code known_hosts} with {@code StrictHostKeyChecking=accept-new}. One line per
 * server, {@code host:port sha256-hex-fingerprint}, where the fingerprint is the lower-case hex
 * SHA-256 of the server certificate's DER encoding; blank lines and lines starting with {@code #}
 * are ignored (and kept when the file is rewritten).
 *
 * <p>Thread-safe within one JVM; every call reads the file afresh, so a pin forgotten by another
 * process is honoured. Writes replace the file atomically and make it readable by its owner only
 * where the filesystem allows.
 */
public final class KnownServers {
    /** The file name inside a profile directory. */
    public static final String FILE_NAME = "known_servers";

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

    /** One pinned server. */
    public record Entry(String server, String fingerprint) {}

    private final Path file;

    public KnownServers(Path file) {
        this.file = file;
    }

    /** The known-servers file of a profile directory. */
    public static KnownServers inProfile(Path profileDir) {
        return new KnownServers(profileDir.resolve(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    /** The key used for a server: {@code host:port}, host in lower case, IPv6 in brackets. */
    public static String key(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return h + ":" + port;
    }

    public synchronized Optional<String> fingerprint(String server) {
        return Optional.ofNullable(read().get(normalise(server)));
    }

    /** All pinned servers, in file order. */
    public synchronized List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        read().forEach((server, fp) -> entries.add(new Entry(server, fp)));
        return entries;
    }

    /** Pins {@code fingerprint} for {@code server}, replacing any earlier pin. */
    public synchronized void pin(String server, String fingerprint) {
        String fp = fingerprint.toLowerCase(Locale.ROOT);
        if (!FINGERPRINT.matcher(fp).matches()) {
            throw new IllegalArgumentException("not a sha256 hex fingerprint: " + fingerprint);
        }
        String key = normalise(server);
        List<String> out = new ArrayList<>();
        boolean replaced = false;
        for (String line : lines()) {
            if (key.equals(keyOf(line))) {
                if (!replaced) {
                    out.add(key + " " + fp);
                    replaced = true;
                }
            } else {
                out.add(line);
            }
        }
        if (!replaced) {
            out.add(key + " " + fp);
        }
        write(out);
    }

    /** Removes the pin of {@code server}; returns false when there was none. */
    public synchronized boolean forget(String server) {
        String key = normalise(server);
        List<String> lines = lines();
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (!key.equals(keyOf(line))) {
                out.add(line);
            }
        }
        if (out.size() == lines.size()) {
            return false;
        }
        write(out);
        return true;
    }

    private static String normalise(String server) {
        return server.trim().toLowerCase(Locale.ROOT);
    }

    private Map<String, String> read() {
        Map<String, String> pins = new LinkedHashMap<>();
        for (String line : lines()) {
            String key = keyOf(line);
            if (key != null) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length >= 2 && FINGERPRINT.matcher(parts[1].toLowerCase(Locale.ROOT)).matches()) {
                    pins.putIfAbsent(key, parts[1].toLowerCase(Locale.ROOT));
                }
            }
        }
        return pins;
    }

    private static String keyOf(String line) {
        String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        return normalise(trimmed.split("\\s+")[0]);
    }

    private List<String> lines() {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void write(List<String> lines) {
        PrivateFiles.writeAtomically(file, String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"));
    }
}
