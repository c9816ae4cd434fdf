package im.magpie.server.transport;

import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.WhoAmIRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import io.netty.util.internal.PlatformDependent;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the attack of issue 16 item 3. N connections each announce a 1 MiB frame before
 * Hello and send 1 MiB - 1 bytes of it; meanwhile the peak of Netty's direct memory is sampled,
 * and afterwards a new client registers and asks WhoAmI (its latency printed). Run once with the
 * pre-login limits as they are and once with them opened up to the old behaviour
 * ({@code -Dmagpie.measure.open=true}: pre-login frames up to 1 MiB, a 1 GiB budget):
 *
 * <pre>
 * ./mvnw -q -B -pl magpie-server -am test -Dtest=PreLoginMemoryMeasurement -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dmagpie.measure.connections=250] [-Dmagpie.measure.open=true]
 * </pre>
 */
class PreLoginMemoryMeasurement {

    @Test
    void measure() throws Exception {
        int n = Integer.getInteger("magpie.measure.connections", 250);
        boolean open = Boolean.getBoolean("magpie.measure.open");
        TestServer.Builder builder = TestServer.builder();
        if (open) {
            builder.set(TransportSettings.PRE_LOGIN_MAX_FRAME_BYTES, 1024 * 1024)
                    .set(TransportSettings.PRE_LOGIN_BUFFER_BYTES, 1024 * 1024 * 1024);
        }
        try (TestServer server = builder.start()) {
            long directBefore = PlatformDependent.usedDirectMemory();
            AtomicLong peak = new AtomicLong();
            var sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(PlatformDependent.usedDirectMemory(), Math::max),
                    0, 10, TimeUnit.MILLISECONDS);
            ExecutorService attackers = Executors.newFixedThreadPool(32);
            List<Socket> sockets = new ArrayList<>();
            AtomicLong sent = new AtomicLong();
            long started = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
                sockets.add(s);
                attackers.execute(() -> {
                    try {
                        OutputStream out = s.getOutputStream();
                        out.write(ByteBuffer.allocate(4).putInt(1 << 20).array());
                        byte[] chunk = new byte[64 * 1024];
                        for (int left = (1 << 20) - 1; left > 0; left -= chunk.length) {
                            out.write(chunk, 0, Math.min(left, chunk.length));
                            sent.addAndGet(Math.min(left, chunk.length));
                        }
                    } catch (Exception closedByServer) {
                        // the point, when the limits hold
                    }
                });
            }
            attackers.shutdown();
            attackers.awaitTermination(60, TimeUnit.SECONDS);
            long attackMs = (System.nanoTime() - started) / 1_000_000;
            long t0 = System.nanoTime();
            try (RawClient c = RawClient.registered(server, "newcomer")) {
                c.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance()));
            }
            long answerMs = (System.nanoTime() - t0) / 1_000_000;
            sampler.shutdownNow();
            System.out.printf("MEASURED pre-login limits %s: %d connections, %d MiB sent by them in %d ms; "
                            + "Netty direct memory peak %.1f MiB (before %.1f MiB), pre-login buffered now %d bytes; "
                            + "a new client's register + WhoAmI answered in %d ms%n",
                    open ? "OPENED UP" : "as set", n, sent.get() >> 20, attackMs, peak.get() / 1048576.0,
                    directBefore / 1048576.0, server.server().transport().preLoginBufferedBytes(), answerMs);
            for (Socket s : sockets) s.close();
        }
    }
}
