package im.magpie.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.server.session.Connection;
import im.magpie.server.session.DeviceRef;
import im.magpie.server.session.RequestQueue;
import im.magpie.server.session.SessionRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Whether a push would reach anyone, on a registry of real (embedded) channels. */
class LocalRouterTest {
    private final SessionRegistry sessions = new SessionRegistry();
    private final LocalRouter router = new LocalRouter(sessions);

    private Connection loggedIn(long userId, String device) {
        Connection c = new Connection(new EmbeddedChannel(), 1 << 20, new RequestQueue(Runnable::run, 8));
        sessions.opened(c);
        c.helloDone(Locale.ROOT);
        assertThat(sessions.login(c, new Connection.Identity(userId, "u" + userId, device, device))).isTrue();
        return c;
    }

    @Test
    void a_push_may_reach_a_user_only_through_a_device_other_than_the_one_excepted() {
        Connection phone = loggedIn(7, "phone");

        assertThat(router.mayReach(7, null)).isTrue();
        assertThat(router.mayReach(7, router.device(phone))).as("the only device is the one excepted").isFalse();
        assertThat(router.mayReach(8, null)).as("offline").isFalse();

        Connection laptop = loggedIn(7, "laptop");
        assertThat(router.mayReach(7, router.device(phone))).isTrue();
        assertThat(router.mayReach(7, router.device(laptop))).isTrue();

        sessions.closed(laptop);
        assertThat(router.mayReach(7, router.device(phone))).isFalse();
    }
}
