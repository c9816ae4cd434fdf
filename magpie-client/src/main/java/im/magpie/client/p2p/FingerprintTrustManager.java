package im.magpie.client.p2p;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Predicate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a certificate only by its SHA-256 fingerprint, the one the server introduced, in either
 * direction (a direct channel authenticates both ends). Extends {@link X509ExtendedTrustManager} so
 * the JDK adds no host-name check: a channel certificate names no host. The refusal names no
 * expected fingerprint: a stranger learns nothing from it.
 */
final class FingerprintTrustManager extends X509ExtendedTrustManager {
    private final Predicate<String> accepted;

    FingerprintTrustManager(Predicate<String> accepted) {
        this.accepted = accepted;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) throw new CertificateException("no certificate");
        chain[0].checkValidity();
        if (!accepted.test(ChannelIdentity.fingerprint(chain[0]))) {
            throw new CertificateException("certificate not introduced");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
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
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
