package im.magpie.client.profile;

import im.magpie.client.internal.PrivateFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The accounts logged in from a profile directory, per server, shared by the CLI and the desktop
 * client: {@code <profile>/accounts/<host>_<port>/<username>/session.properties} with the user id,
 * username and resume token (the account's local history lives beside it). Files are mode 600, directories 700 (where the filesystem allows).
 * Thread-safe in that each write replaces a file atomically; two writers of the same account
 * (threads or processes) race, and the last one wins.
 */
public final class AccountStore {
    /** The file name of a stored session inside an account's directory. */
    public static final String SESSION_FILE_NAME = "session.properties";

    private final Path profileDir;

    public AccountStore(Path profileDir) {
        this.profileDir = profileDir;
    }

    public Path profileDir() {
        return profileDir;
    }

    /**
     * The directory of one account on one server, shared with its local history
     * ({@code im.magpie.client.history.HistoryPaths}): {@code <profile>/accounts/<host>_<port>/<username>}.
     */
    public Path accountDir(String server, String username) {
        return serverDir(server).resolve(safeName(username));
    }

    /** The file holding the session of {@code username} on {@code server}. */
    public Path sessionFile(String server, String username) {
        return accountDir(server, username).resolve(SESSION_FILE_NAME);
    }

    private Path serverDir(String server) {
        int colon = server.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not host:port: " + server);
        }
        String host = server.substring(0, colon).replace("[", "").replace("]", "");
        return profileDir.resolve("accounts").resolve(safeName(host) + "_" + server.substring(colon + 1));
    }

    /** Lower case, and every character outside a-z 0-9 . _ - becomes _ (as HistoryPaths does). */
    static String safeName(String raw) {
        String lower = raw.strip().toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        for (char c : lower.toCharArray()) {
            boolean safe = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            out.append(safe ? c : '_');
        }
        String name = out.toString();
        if (name.isEmpty()) {
            return "_";
        }
        return name.chars().allMatch(c -> c == '.') ? name.replace('.', '_') : name;
    }

    public void save(StoredAccount account) {
        Properties p = new Properties();
        p.setProperty("server", account.server());
        p.setProperty("user_id", Long.toString(account.userId()));
        p.setProperty("username", account.username());
        p.setProperty("resume_token", account.resumeToken());
        p.setProperty("resume_token_expires_ms", Long.toString(account.resumeTokenExpiresMs()));
        StringWriter text = new StringWriter();
        try {
            p.store(text, "Magpie account: keep this file secret (it logs you in)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrivateFiles.writeAtomically(sessionFile(account.server(), account.username()), text.toString());
    }

    public Optional<StoredAccount> find(String server, String username) {
        Path file = sessionFile(server, username);
        return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
    }

    /** The accounts stored for {@code server}, ordered by username. */
    public List<StoredAccount> list(String server) {
        Path dir = serverDir(server);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<StoredAccount> accounts = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(dir)) {
            dirs.map(d -> d.resolve(SESSION_FILE_NAME)).filter(Files::isRegularFile).sorted()
                    .forEach(f -> accounts.add(read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return accounts;
    }

    /** Deletes the stored account; returns false when there was none. */
    public boolean delete(String server, String username) {
        try {
            return Files.deleteIfExists(sessionFile(server, username));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StoredAccount read(Path file) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new StoredAccount(p.getProperty("server", ""), parseLong(p.getProperty("user_id")),
                p.getProperty("username", ""), p.getProperty("resume_token", ""),
                parseLong(p.getProperty("resume_token_expires_ms")));
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
