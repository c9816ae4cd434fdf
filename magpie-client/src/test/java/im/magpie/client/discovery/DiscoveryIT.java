package im.magpie.client.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.discovery.DiscoveryDatagrams;
import im.magpie.protocol.proto.DiscoveryReply;
import im.magpie.server.discovery.DiscoverySettings;
import im.magpie.testkit.ManualClock;
import im.magpie.testkit.TestServer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LAN discovery responder and the client's finder, on loopback. */
class DiscoveryIT {

    private static TestServer server(ManualClock clock, int repliesPerSource) {
        return TestServer.builder().tls(true).clock(clock)
                .set(DiscoverySettings.ENABLED, true)
                .set(DiscoverySettings.PORT, 0)
                .set(DiscoverySettings.MULTICAST_GROUP, "")
                .set(DiscoverySettings.REPLIES_PER_SOURCE, repliesPerSource)
                .start();
    }

    private static int discoveryPort(TestServer server) {
        return server.server().discoveryPort().orElseThrow();
    }

    @Test
    void aServerAsked_byUnicastOnLoopback_answersWithItsNamePortTlsAndFingerprint() throws IOException {
        try (TestServer server = server(new ManualClock(), 5)) {
            List<DiscoveredServer> found = ServerFinder.builder().broadcast(false).timeout(Duration.ofMillis(500))
                    .alsoAsk(new InetSocketAddress("127.0.0.1", discoveryPort(server))).build().find();

            assertThat(found).hasSize(1);
            DiscoveredServer s = found.get(0);
            assertThat(s.name()).isEqualTo("Magpie");
            assertThat(s.port()).isEqualTo(server.port());
            assertThat(s.tls()).isTrue();
            assertThat(s.certSha256()).hasSize(64)
                    .isEqualTo(im.magpie.server.transport.TlsContexts.fingerprint(server.dataDir(), ""));
            assertThat(s.addresses()).isNotEmpty();
            assertThat(s.answeredFrom()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void malformedTooSmallAndOversizedRequests_getNoAnswer() throws IOException {
        try (TestServer server = server(new ManualClock(), 100); DatagramSocket socket = new DatagramSocket()) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), discoveryPort(server));
            send(socket, to, "hello?".getBytes(StandardCharsets.US_ASCII));                       // not ours
            send(socket, to, concat("MGPD".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xff, 0x01, 0x02})); // not protobuf
            byte[] unpadded = concat("MGPD".getBytes(StandardCharsets.US_ASCII), im.magpie.protocol.proto.DiscoveryRequest.newBuilder()
                    .setVersion(1).setNonce(com.google.protobuf.ByteString.copyFrom(nonce(1))).build().toByteArray());
            send(socket, to, unpadded);                                                             // reply would not fit
            send(socket, to, Arrays.copyOf(DiscoveryDatagrams.request(nonce(2)), DiscoveryDatagrams.MAX_REQUEST_BYTES + 100)); // oversized
            send(socket, to, DiscoveryDatagrams.request(new byte[2]));                              // nonce too short
            send(socket, to, DiscoveryDatagrams.request(nonce(3)));                                 // the one good request

            // The responder handles datagrams in order on one thread: the first answer must be the good one's.
            DiscoveryReply first = receive(socket, 5_000);
            assertThat(first.getNonce().toByteArray()).isEqualTo(nonce(3));
            assertThat(receive(socket, 300)).as("nothing else answered").isNull();
        }
    }

    @Test
    void aSourceGetsAtMostItsRateOfReplies_untilTheWindowTurns() throws IOException {
        ManualClock clock = new ManualClock();
        try (TestServer server = server(clock, 3); DatagramSocket socket = new DatagramSocket()) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), discoveryPort(server));
            for (int i = 1; i <= 5; i++) send(socket, to, DiscoveryDatagrams.request(nonce(i)));
            for (int i = 1; i <= 3; i++) assertThat(receive(socket, 5_000).getNonce().toByteArray()).isEqualTo(nonce(i));
            // The responder handles datagrams in order on one thread: once another source's request
            // is answered, requests 4 and 5 have been handled (and dropped) before the clock moves.
            try (DatagramSocket other = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
                send(other, to, DiscoveryDatagrams.request(nonce(7)));
                assertThat(receive(other, 5_000).getNonce().toByteArray()).isEqualTo(nonce(7));
            }

            clock.advance(Duration.ofSeconds(11));
            send(socket, to, DiscoveryDatagrams.request(nonce(9)));
            // Requests 4 and 5 were dropped: the next answer is the one after the window turned.
            assertThat(receive(socket, 5_000).getNonce().toByteArray()).isEqualTo(nonce(9));
        }
    }

    @Test
    void aResponderTurnedOff_opensNoPort() {
        try (TestServer server = TestServer.start()) {
            assertThat(server.server().discoveryPort()).isEmpty();
        }
    }

    static byte[] nonce(int n) {
        byte[] b = new byte[16];
        Arrays.fill(b, (byte) n);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, byte[] data) throws IOException {
        socket.send(new DatagramPacket(data, data.length, to));
    }

    /** The next reply, or null if none comes within {@code timeoutMs}. */
    private static DiscoveryReply receive(DatagramSocket socket, int timeoutMs) throws IOException {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.setSoTimeout(timeoutMs);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return DiscoveryDatagrams.parseReply(p.getData(), p.getLength()).orElseThrow();
    }
}
