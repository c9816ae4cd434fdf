package im.magpie.client;

import java.nio.file.Path;

/**
 * The server presented a certificate other than the one pinned on first contact (see
 * {@link KnownServers}). The connection was refused. It may be an attack, or the server may have
 * a new certificate; only when the change is expected should the user forget the old pin (delete
 * the line from the known-servers file, or {@code magpie trust --forget HOST:PORT}) and connect
 * again, which pins the new certificate.
 */
public final class CertificateChangedException extends MagpieConnectionException {
    private final String server;
    private final String pinnedFingerprint;
    private final String presentedFingerprint;

    public CertificateChangedException(String server, String pinnedFingerprint,
                                       String presentedFingerprint, Path knownServersFile) {
        super("the TLS certificate of " + server + " has CHANGED (pinned sha256 " + pinnedFingerprint
                + ", presented sha256 " + presentedFingerprint + "); connection refused. This may be an"
                + " attack. If the change is expected, run `magpie trust --forget " + server
                + " --profile-dir " + knownServersFile.toAbsolutePath().getParent()
                + "` (or delete its line in " + knownServersFile + ") and connect again.");
        this.server = server;
        this.pinnedFingerprint = pinnedFingerprint;
        this.presentedFingerprint = presentedFingerprint;
    }

    /** {@code host:port} as written in the known-servers file. */
    public String server() {
        return server;
    }

    public String pinnedFingerprint() {
        return pinnedFingerprint;
    }

    public String presentedFingerprint() {
        return presentedFingerprint;
    }
}
