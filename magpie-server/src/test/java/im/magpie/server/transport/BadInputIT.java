package im.magpie.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.codec.FrameBytes;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Hello;
import im.magpie.protocol.proto.WhoAmIRequest;
import im.magpie.server.config.CoreSettings;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every kind of bad client gets a typed error or a closed connection, and the server goes on serving. */
class BadInputIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.builder().set(CoreSettings.MAX_FRAME_BYTES, 64 * 1024)
                .set(CoreSettings.MAX_OUTBOUND_BYTES, 256 * 1024).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertServerStillServes() {
        try (RawClient c = RawClient.connect(server)) {
            assertThat(c.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).getError().getCode())
                    .isEqualTo(ErrorCode.UNAUTHENTICATED);
        }
    }

    @Test
    void a_request_before_hello_is_refused_and_the_connection_closed() {
        try (RawClient c = RawClient.open(server)) {
            Frame f = c.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance()));
            assertThat(f.getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(f.getError().getMessage()).contains("Hello");
            assertThat(c.isClosedByServer(WAIT)).isTrue();
        }
        assertServerStillServes();
    }

    @Test
    void an_unknown_major_version_gets_a_clear_bad_version_error() {
        try (RawClient c = RawClient.open(server)) {
            Frame f = c.request(Frame.newBuilder().setHello(Hello.newBuilder().setMajor(99)));
            assertThat(f.getError().getCode()).isEqualTo(ErrorCode.BAD_VERSION);
            assertThat(f.getError().getMessage()).contains("99.0").contains("1.0");
            assertThat(c.isClosedByServer(WAIT)).isTrue();
        }
    }

    @Test
    void a_request_before_login_is_unauthenticated_and_the_connection_stays_usable() {
        try (RawClient c = RawClient.connect(server)) {
            assertThat(c.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).getError().getCode())
                    .isEqualTo(ErrorCode.UNAUTHENTICATED);
            c.register("henry", "password-1", "Henry");
            assertThat(c.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).hasProfile()).isTrue();
        }
    }

    @Test
    void an_empty_or_unknown_body_is_a_bad_request() {
        try (RawClient c = RawClient.connect(server)) {
            Frame f = c.request(Frame.newBuilder());
            assertThat(f.getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
            // a field number this server does not know (from a newer client) parses as "no body"
            byte[] unknownField = {(byte) 0x08, 0x05, (byte) 0xfa, 0x3f, 0x00}; // id=5, field 1023 empty bytes
            c.sendBytes(ByteBuffer.allocate(4 + unknownField.length).putInt(unknownField.length).put(unknownField).array());
            assertThat(c.awaitResponse(5, WAIT).getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
        }
    }

    @Test
    void garbage_bytes_get_an_error_and_a_closed_connection() {
        try (RawClient c = RawClient.connect(server)) {
            c.sendBytes(new byte[] {0, 0, 0, 6, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            Frame f = c.nextPush(WAIT).orElseThrow();
            assertThat(f.getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(c.isClosedByServer(WAIT)).isTrue();
        }
        assertServerStillServes();
    }

    @Test
    void invalid_utf8_in_a_text_field_is_refused() {
        try (RawClient c = RawClient.connect(server)) {
            // Frame{id=1, register{username=<0xC3 0x28>}}: field 20 (register), field 1 (username)
            byte[] body = {0x08, 0x01, (byte) 0xa2, 0x01, 0x04, 0x0a, 0x02, (byte) 0xc3, 0x28};
            c.sendBytes(ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array());
            Frame f = c.nextPush(WAIT).orElseThrow();
            assertThat(f.getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
        }
        assertServerStillServes();
    }

    @Test
    void a_frame_over_the_limit_closes_the_connection_without_buffering_it() {
        try (RawClient c = RawClient.connect(server)) {
            c.sendBytes(ByteBuffer.allocate(4).putInt(64 * 1024 + 1).array());
            Frame f = c.nextPush(WAIT).orElseThrow();
            assertThat(f.getError().getCode()).isEqualTo(ErrorCode.TOO_LARGE);
            assertThat(c.isClosedByServer(WAIT)).isTrue();
        }
        assertServerStillServes();
    }

    @Test
    void a_truncated_frame_then_a_disconnect_leaves_the_server_serving() {
        try (RawClient c = RawClient.connect(server)) {
            byte[] whole = FrameBytes.encode(Frame.newBuilder().setId(3).setWhoami(WhoAmIRequest.getDefaultInstance()).build());
            c.sendBytes(java.util.Arrays.copyOf(whole, whole.length - 1));
        }
        assertServerStillServes();
    }

    @Test
    void a_client_that_never_reads_is_cut_off_and_others_are_still_served() {
        try (RawClient hog = RawClient.connect(server)) {
            // Pipeline many requests and never read the answers: the server must stop reading from
            // us (backpressure) or disconnect us, never buffer without bound.
            byte[] ping = FrameBytes.encode(Frame.newBuilder().setId(1).setPing(im.magpie.protocol.proto.Ping.getDefaultInstance()).build());
            ByteBuffer burst = ByteBuffer.allocate(ping.length * 10_000);
            for (int i = 0; i < 10_000; i++) burst.put(ping);
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 50; i++) hog.sendBytes(burst.array());
                } catch (RuntimeException expected) {
                    // the server stopped reading or closed us: that is the point
                }
            });
            writer.setDaemon(true);
            writer.start();
            assertServerStillServes();
            writer.interrupt();
        }
        assertServerStillServes();
    }
}
