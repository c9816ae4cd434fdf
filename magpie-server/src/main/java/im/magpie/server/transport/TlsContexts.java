package im.magpie.server.transport;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS identity: a configured certificate and key, or else a self-signed certificate
 * created once in {@code <data-dir>/tls/} and reused on every start, so clients that pinned it on
 * first use keep trusting it.
 */
public final class TlsContexts {
    private static final Logger log = LoggerFactory.getLogger(TlsContexts.class);

    private TlsContexts() {}

    public static SslContext forServer(Path dataDir, String certPath, String keyPath) {
        try {
            if (certPath != null && !certPath.isEmpty()) {
                if (keyPath == null || keyPath.isEmpty()) {
                    throw new IllegalArgumentException("--tls-cert needs --tls-key");
                }
                return build(SslContextBuilder.forServer(Path.of(certPath).toFile(), Path.of(keyPath).toFile()));
            }
            Path dir = dataDir.resolve("tls");
            Path cert = dir.resolve("server.crt");
            Path key = dir.resolve("server.key");
            if (!Files.exists(cert) || !Files.exists(key)) {
                createSelfSigned(dir, cert, key);
            }
            return build(SslContextBuilder.forServer(cert.toFile(), key.toFile()));
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot load the TLS certificate: " + e.getMessage(), e);
        }
    }

    /**
     * BoringSSL (netty-tcnative) where its native library loads (Linux x86_64 ships with it): a
     * handshake costs a fraction of the JDK's, and an idle connection holds no SSLEngine buffers.
     * Elsewhere the JDK's own TLS, with the same certificate and the same protocol versions.
     */
    static SslContext build(SslContextBuilder builder) throws SSLException {
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        log.debug("TLS provider: {}", provider);
        return builder.sslProvider(provider).build();
    }

    /** Hex SHA-256 of the certificate in use (what clients pin), or "" if it cannot be read. */
    public static String fingerprint(Path dataDir, String certPath) {
        Path cert = certPath != null && !certPath.isEmpty() ? Path.of(certPath) : dataDir.resolve("tls").resolve("server.crt");
        try (var in = Files.newInputStream(cert)) {
            var x509 = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(x509.getEncoded());
            return java.util.HexFormat.of().formatHex(digest);
        } catch (IOException | CertificateException | java.security.NoSuchAlgorithmException e) {
            return "";
        }
    }

    private static void createSelfSigned(Path dir, Path cert, Path key) {
        try {
            Files.createDirectories(dir);
            Instant now = Instant.now();
            SelfSignedCertificate ssc = new SelfSignedCertificate("magpie",
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(3650, ChronoUnit.DAYS)),
                    "EC", 256); // P-256: fast to create, small handshakes
            Files.copy(ssc.certificate().toPath(), cert, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(ssc.privateKey().toPath(), key, StandardCopyOption.REPLACE_EXISTING);
            restrictToOwner(key);
            ssc.delete();
            log.info("created a self-signed TLS certificate in {}", dir);
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("cannot create a self-signed certificate in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: the directory's permissions must do.
        }
    }
}
