package im.magpie.client.files;

import im.magpie.client.history.PeerRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Uploads offered but not finished, kept in a small file so that sending the same file to the same
 * peer again (even from a new process) resumes the upload instead of offering it twice. One line
 * per upload: {@code <file id>=<peer>|<sha256>|<path>}. Written whole to a temporary file and
 * moved into place. Thread-safe.
 */
public final class PendingUploads {

    /** One unfinished upload. */
    public record Pending(long fileId, PeerRef to, String sha256, Path path) {}

    private final Path file;

    public PendingUploads(Path file) {
        this.file = file;
    }

    public synchronized Optional<Pending> find(PeerRef to, String sha256, Path path) {
        return all().stream().filter(p -> p.to().equals(to) && p.sha256().equals(sha256)
                && p.path().equals(path.toAbsolutePath().normalize())).findFirst();
    }

    public synchronized List<Pending> all() {
        Properties props = load();
        List<Pending> out = new ArrayList<>();
        for (String key : props.stringPropertyNames()) {
            String[] parts = props.getProperty(key).split("\\|", 3);
            if (parts.length != 3) continue;
            try {
                String[] peer = parts[0].split(":", 2);
                PeerRef to = peer[0].equals("group") ? PeerRef.group(Long.parseLong(peer[1])) : PeerRef.user(Long.parseLong(peer[1]));
                out.add(new Pending(Long.parseLong(key), to, parts[1], Path.of(parts[2])));
            } catch (RuntimeException e) {
                // a damaged line: that upload just starts afresh
            }
        }
        return out;
    }

    public synchronized void add(long fileId, OutgoingFile f) {
        Properties props = load();
        props.setProperty(Long.toString(fileId), f.to() + "|" + f.sha256() + "|" + f.path().toAbsolutePath().normalize());
        store(props);
    }

    public synchronized void remove(long fileId) {
        Properties props = load();
        if (props.remove(Long.toString(fileId)) != null) store(props);
    }

    private Properties load() {
        Properties props = new Properties();
        if (!Files.exists(file)) return props;
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return props;
    }

    private void store(Properties props) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                props.store(out, "Magpie: uploads to resume");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
