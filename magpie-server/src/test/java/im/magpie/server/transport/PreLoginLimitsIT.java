package im.magpie.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.WhoAmIRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 3: what connections cost before they log in. Attackers that announce big frames
 * before Hello, fill the shared budget with frames that never finish, or open many connections
 * from one address are refused early, and a normal client is still answered.
 */
class PreLoginLimitsIT {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static void assertServed(TestServer server, String username) {
        try (RawClient c = RawClient.registered(server, username)) {
            assertThat(c.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).hasProfile()).isTrue();
        }
    }

    private static byte[] announce(int bytes, int sent) {
        return ByteBuffer.allocate(4 + sent).putInt(bytes).array();
    }

    @Test
    void connections_announcing_1_MiB_frames_before_hello_are_closed_before_sending_them_and_buffer_nothing() {
        try (TestServer server = TestServer.start()) {
            List<RawClient> attackers = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    RawClient a = RawClient.open(server);
                    attackers.add(a);
                    a.sendBytes(announce(1 << 20, 1024)); // 1 KiB of the promised 1 MiB
                }
                for (RawClient a : attackers) {
                    Frame refusal = a.nextPush(WAIT).orElseThrow();
                    assertThat(refusal.getError().getCode()).isEqualTo(ErrorCode.TOO_LARGE);
                    assertThat(refusal.getError().getMessage()).contains("8,192");
                    assertThat(a.isClosedByServer(WAIT)).isTrue();
                }
                assertThat(server.server().transport().preLoginBufferedBytes()).isZero();
                assertServed(server, "olga");
            } finally {
                attackers.forEach(RawClient::close);
            }
        }
    }

    @Test
    void unfinished_frames_before_login_share_one_budget_and_the_one_past_it_is_refused() {
        try (TestServer server = TestServer.builder()
                .set(TransportSettings.PRE_LOGIN_BUFFER_BYTES, 64 * 1024)
                .set(TransportSettings.PRE_LOGIN_MAX_FRAME_BYTES, 8 * 1024).start()) {
            List<RawClient> waiting = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    RawClient a = RawClient.open(server);
                    waiting.add(a);
                    a.sendBytes(announce(8 * 1024, 1));
                }
                await().atMost(WAIT).until(() -> server.server().transport().preLoginBufferedBytes() == 64 * 1024);
                try (RawClient greedy = RawClient.open(server)) {
                    greedy.sendBytes(announce(8 * 1024, 1));
                    Frame refusal = greedy.nextPush(WAIT).orElseThrow();
                    assertThat(refusal.getError().getCode()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(refusal.getError().getRetryAfterSeconds()).isPositive();
                    assertThat(greedy.isClosedByServer(WAIT)).isTrue();
                }
                assertServed(server, "pavel"); // small frames arrive whole: they need no budget
                waiting.get(0).close();
                await().atMost(WAIT).until(() -> server.server().transport().preLoginBufferedBytes() == 56 * 1024);
            } finally {
                waiting.forEach(RawClient::close);
            }
            await().atMost(WAIT).until(() -> server.server().transport().preLoginBufferedBytes() == 0);
        }
    }

    @Test
    void one_unauthenticated_connection_too_many_from_an_address_is_refused_and_logged_in_ones_do_not_count() {
        try (TestServer server = TestServer.builder().set(TransportSettings.MAX_UNAUTHENTICATED_PER_ADDRESS, 3).start();
             RawClient loggedIn = RawClient.registered(server, "quinn")) {
            List<RawClient> waiting = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) waiting.add(RawClient.connect(server));
                try (RawClient extra = RawClient.open(server)) {
                    Frame refusal = extra.nextPush(WAIT).orElseThrow();
                    assertThat(refusal.getError().getCode()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(extra.isClosedByServer(WAIT)).isTrue();
                }
                waiting.remove(0).close();
                await().atMost(WAIT).untilAsserted(() -> assertServed(server, "rosa"));
            } finally {
                waiting.forEach(RawClient::close);
            }
        }
    }

    @Test
    void after_login_frames_over_the_pre_login_limit_are_read() {
        try (TestServer server = TestServer.start(); RawClient c = RawClient.registered(server, "sven")) {
            // A WhoAmI padded with 20 KiB of a field this server does not know: over 8 KiB, under 1 MiB.
            Frame padded = Frame.newBuilder().setId(77).setWhoami(WhoAmIRequest.getDefaultInstance())
                    .setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder().addField(1023,
                            com.google.protobuf.UnknownFieldSet.Field.newBuilder()
                                    .addLengthDelimited(com.google.protobuf.ByteString.copyFrom(new byte[20 * 1024])).build())
                            .build())
                    .build();
            c.send(padded);
            assertThat(c.awaitResponse(77, WAIT).hasProfile()).isTrue();
        }
    }
}
