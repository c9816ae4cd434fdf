package im.magpie.client.internal;

import im.magpie.client.CertificateChangedException;
import im.magpie.client.KnownServers;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Trust on first use for one server: accepts the certificate pinned in {@link KnownServers}, pins
 * the certificate of a server seen for the first time (and tells {@code onPinned}), and refuses a
 * different one, remembering a {@link CertificateChangedException} for the connect to report.
 *
 * <p>A client does not authenticate clients, so every client check is refused.
 */
public final class PinningTrustManager extends OneCertificateTrustManager {
    private final KnownServers knownServers;
    private final String server;
    private final Consumer<KnownServers.Entry> onPinned;
    private volatile CertificateChangedException refused;

    public PinningTrustManager(KnownServers knownServers, String server, Consumer<KnownServers.Entry> onPinned) {
        this.knownServers = knownServers;
        this.server = server;
        this.onPinned = onPinned;
    }

    /** The refusal of the last handshake, if the certificate had changed. */
    public Optional<CertificateChangedException> refused() {
        return Optional.ofNullable(refused);
    }

    @Override
    protected void checkServer(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        chain[0].checkValidity();
        String presented = fingerprint(chain[0]);
        Optional<String> pinned = knownServers.fingerprint(server);
        if (pinned.isEmpty()) {
            knownServers.pin(server, presented);
            onPinned.accept(new KnownServers.Entry(server, presented));
        } else if (!pinned.get().equals(presented)) {
            CertificateChangedException e =
                    new CertificateChangedException(server, pinned.get(), presented, knownServers.file());
            refused = e;
            throw new CertificateException(e.getMessage(), e);
        }
    }

    @Override
    protected void checkClient(X509Certificate[] chain) throws CertificateException {
        throw new CertificateException("a client does not authenticate clients");
    }
}
