package im.magpie.client.p2p;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Predicate;
import im.magpie.client.internal.OneCertificateTrustManager;

/**
 * Trusts a certificate only by its SHA-256 fingerprint, the one the server introduced, in either
 * direction (a direct channel authenticates both ends). The refusal names no expected
 * fingerprint: a stranger learns nothing from it.
 */
final class FingerprintTrustManager extends OneCertificateTrustManager {
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
    protected void checkServer(X509Certificate[] chain) throws CertificateException {
        check(chain);
    }

    @Override
    protected void checkClient(X509Certificate[] chain) throws CertificateException {
        check(chain);
    }
}
