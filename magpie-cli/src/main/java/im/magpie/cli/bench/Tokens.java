package im.magpie.cli.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The file {@code magpie bench setup} writes and the scenarios read: one seeded user per line,
 * {@code index TAB user_id TAB username TAB resume_token}. Users {@code 2i} and {@code 2i+1} are
 * friends. The file holds live credentials: it is created readable by its owner only where the
 * file system allows.
 */
public final class Tokens {
    public static final String HEADER = "# magpie bench tokens v1: index, user_id, username, resume_token; 2i and 2i+1 are friends";

    public record User(int index, long userId, String username, String token) {}

    private Tokens() {}

    public static void write(Path file, List<User> users) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write(HEADER);
                w.newLine();
                for (User u : users) {
                    w.write(u.index() + "\t" + u.userId() + "\t" + u.username() + "\t" + u.token());
                    w.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static List<User> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the tokens file " + file + " (run `magpie bench setup` first): "
                    + e.getMessage());
        }
        List<User> users = new ArrayList<>(lines.size());
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            if (f.length != 4) throw new IllegalArgumentException(file + ":" + lineNo + ": expected 4 tab-separated fields");
            try {
                users.add(new User(Integer.parseInt(f[0]), Long.parseLong(f[1]), f[2], f[3]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": " + e.getMessage());
            }
        }
        for (int i = 0; i < users.size(); i++) {
            if (users.get(i).index() != i) throw new IllegalArgumentException(file + ": user indices must be 0, 1, 2, ...");
        }
        return users;
    }
}
