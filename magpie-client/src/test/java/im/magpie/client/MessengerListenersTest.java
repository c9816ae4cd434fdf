package im.magpie.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding 6: a removed listener hears nothing more, however it was registered. */
class MessengerListenersTest {
    @TempDir
    Path profile;

    @Test
    void a_removed_listener_hears_nothing_more_whether_registered_with_an_executor_or_not() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort(); // nothing listens there once closed: the login fails at once
        }
        List<MessengerEvent> removedHeard = new CopyOnWriteArrayList<>();
        List<MessengerEvent> keptHeard = new CopyOnWriteArrayList<>();
        MessengerListener removedWithExecutor = removedHeard::add;
        MessengerListener removedPlain = removedHeard::add;
        try (Messenger m = Messenger.builder().server("127.0.0.1", closedPort).tls(false).profileDir(profile).build()) {
            m.addListener(Runnable::run, removedWithExecutor);
            m.addListener(removedPlain);
            m.addListener(keptHeard::add);
            m.removeListener(removedWithExecutor);
            m.removeListener(removedPlain);

            m.login("alice", "password-123").exceptionally(e -> null);
            await().atMost(Duration.ofSeconds(10)).until(() -> keptHeard.stream().anyMatch(e ->
                    e instanceof MessengerEvent.StateChanged s && s.state() == SessionState.OFFLINE));
        }
        assertThat(removedHeard).isEmpty();
    }
}
