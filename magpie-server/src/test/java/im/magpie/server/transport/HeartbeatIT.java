package im.magpie.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Ping;
import im.magpie.server.config.CoreSettings;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeartbeatIT {

    @Test
    void a_connection_silent_for_three_intervals_is_closed_and_its_user_goes_offline() throws Exception {
        try (TestServer server = TestServer.builder().set(CoreSettings.HEARTBEAT_SECONDS, 1).start();
             RawClient c = RawClient.registered(server, "ivan")) {
            long userId = c.request(Frame.newBuilder().setWhoami(im.magpie.protocol.proto.WhoAmIRequest.getDefaultInstance()))
                    .getProfile().getUserId();
            assertThat(server.server().context().sessions().isOnline(userId)).isTrue();
            assertThat(c.isClosedByServer(Duration.ofSeconds(6))).isTrue();
            Thread.sleep(100);
            assertThat(server.server().context().sessions().isOnline(userId)).isFalse();
        }
    }

    @Test
    void pings_keep_a_connection_open_and_are_answered_with_a_pong() throws Exception {
        try (TestServer server = TestServer.builder().set(CoreSettings.HEARTBEAT_SECONDS, 1).start();
             RawClient c = RawClient.registered(server, "judy")) {
            for (int i = 0; i < 8; i++) {
                Frame pong = c.request(Frame.newBuilder().setPing(Ping.getDefaultInstance()));
                assertThat(pong.hasPong()).isTrue();
                Thread.sleep(500);
            }
            assertThat(c.request(Frame.newBuilder().setPing(Ping.getDefaultInstance())).hasPong()).isTrue();
        }
    }
}
