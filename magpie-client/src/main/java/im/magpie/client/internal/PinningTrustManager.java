package im.magpie.client.internal;

import im.magpie.client.CertificateChangedException;
import im.magpie.client.KnownServers;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust on first use for one server: accepts the certificate pinned in {@link KnownServers}, pins
 * the certificate of a server seen for the first time (and tells {@code onPinned}), and refuses a
 * different one, remembering a {@link CertificateChangedException} for the connect to report.
 *
 * <p>Extends {@link X509ExtendedTrustManager} so the JDK adds no host-name check of its own: a
 * self-signed certificate names no host, and the pin is what we trust.
 */
public final class PinningTrustManager extends X509ExtendedTrustManager {
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

    public static String fingerprint(X509Certificate certificate) throws CertificateEncodingException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private void check(X509Certificate[] chain) throws CertificateException {
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
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client does not authenticate clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a client does not authenticate clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a client does not authenticate clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
