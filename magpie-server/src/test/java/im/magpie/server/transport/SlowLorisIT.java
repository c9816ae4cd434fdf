package im.magpie.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.ProtocolVersion;
import im.magpie.protocol.codec.FrameBytes;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Hello;
import im.magpie.protocol.proto.WhoAmIRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 7: a client that trickles is closed by a deadline, on a real socket, although
 * each byte would reset the idle timer; a client that goes about its business is not.
 */
class SlowLorisIT {
    private static final Duration WAIT = Duration.ofSeconds(8);

    @Test
    void a_connection_that_sends_one_byte_a_second_is_closed_at_the_frame_deadline() {
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (TestServer server = TestServer.builder().set(TransportSettings.FRAME_DEADLINE_SECONDS, 2)
                .set(TransportSettings.HELLO_DEADLINE_SECONDS, 60).start();
             RawClient slow = RawClient.open(server)) {
            byte[] hello = FrameBytes.encode(Frame.newBuilder().setId(1).setHello(Hello.newBuilder()
                    .setMajor(ProtocolVersion.MAJOR).setMinor(ProtocolVersion.MINOR).setClientName("slow-loris")).build());
            AtomicInteger next = new AtomicInteger();
            trickle.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i < hello.length) {
                    try {
                        slow.sendBytes(new byte[] {hello[i]});
                    } catch (RuntimeException closed) {
                        // the server has closed us: the point of the test
                    }
                }
            }, 0, 1, TimeUnit.SECONDS);
            long started = System.nanoTime();
            assertThat(slow.isClosedByServer(WAIT)).isTrue();
            assertThat(next.get()).isLessThan(hello.length); // closed before the Hello was complete
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WAIT);
            try (RawClient normal = RawClient.registered(server, "tess")) {
                assertThat(normal.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).hasProfile()).isTrue();
            }
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void a_connection_that_says_nothing_is_closed_at_the_hello_deadline() {
        try (TestServer server = TestServer.builder().set(TransportSettings.HELLO_DEADLINE_SECONDS, 1).start();
             RawClient silent = RawClient.open(server)) {
            assertThat(silent.isClosedByServer(WAIT)).isTrue();
        }
    }

    @Test
    void a_connection_that_does_not_log_in_is_closed_at_the_login_deadline_and_a_logged_in_one_stays() {
        try (TestServer server = TestServer.builder().set(TransportSettings.LOGIN_DEADLINE_SECONDS, 1).start();
             RawClient user = RawClient.registered(server, "ugo");
             RawClient loiterer = RawClient.connect(server)) {
            assertThat(loiterer.isClosedByServer(WAIT)).isTrue();
            assertThat(user.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).hasProfile()).isTrue();
        }
    }
}
