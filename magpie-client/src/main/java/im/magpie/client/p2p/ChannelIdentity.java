package im.magpie.client.p2p;

import im.magpie.client.internal.OneCertificateTrustManager;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;

/**
 * This run's channel identity: a fresh EC P-256 key pair and self-signed certificate, made the way
 * the server's {@code TlsContexts} makes its own (Netty's {@link SelfSignedCertificate}, no Bouncy
 * Castle), never written anywhere but a temporary file Netty deletes at once. Peers know it only by
 * the SHA-256 fingerprint the server introduces. TLS contexts are TLS 1.3 only, on the JDK's
 * provider, and always mutual.
 */
public final class ChannelIdentity {
    static final String TLS_1_3 = "TLSv1.3";

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final String fingerprint;

    private ChannelIdentity(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
        this.fingerprint = fingerprint(certificate);
    }

    /** A new key pair and certificate (valid from yesterday for a year: clocks differ). */
    public static ChannelIdentity generate() {
        try {
            Instant now = Instant.now();
            SelfSignedCertificate ssc = new SelfSignedCertificate("magpie-direct",
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)), "EC", 256);
            try {
                return new ChannelIdentity(ssc.key(), ssc.cert());
            } finally {
                ssc.delete();
            }
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot create a channel certificate: " + e.getMessage(), e);
        }
    }

    /** Hex SHA-256 of the certificate (DER): what the server hands the peer. */
    public String fingerprint() {
        return fingerprint;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The listener's context: requires a client certificate whose fingerprint {@code accepted} knows. */
    SslContext serverContext(Predicate<String> accepted) throws SSLException {
        return SslContextBuilder.forServer(key, certificate)
                .sslProvider(SslProvider.JDK)
                .protocols(TLS_1_3)
                .clientAuth(ClientAuth.REQUIRE)
                .trustManager(new FingerprintTrustManager(accepted))
                .build();
    }

    /** A dialer's context: presents this identity and accepts only the certificate {@code expected}. */
    SslContext clientContext(String expected) throws SSLException {
        return SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .protocols(TLS_1_3)
                .keyManager(key, certificate)
                .trustManager(new FingerprintTrustManager(expected::equals))
                .endpointIdentificationAlgorithm(null) // the fingerprint is the identity, not a host name
                .build();
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return OneCertificateTrustManager.fingerprint(certificate);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot take a certificate's fingerprint", e);
        }
    }
}
