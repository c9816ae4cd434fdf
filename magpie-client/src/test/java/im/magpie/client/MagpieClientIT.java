package im.magpie.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.magpie.client.internal.ClientEvent;
import im.magpie.client.internal.MagpieClient;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.Profile;
import im.magpie.server.config.CoreSettings;
import im.magpie.testkit.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the real server (plain TCP) over real sockets. */
class MagpieClientIT {
    private static TestServer server;

    @TempDir
    Path profile;

    private final List<MagpieClient> clients = new ArrayList<>();
    private static int counter;

    @BeforeAll
    static void startServer() {
        server = TestServer.builder().set(CoreSettings.HEARTBEAT_SECONDS, 1).start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(MagpieClient::close);
    }

    private MagpieClient connected(Locale locale) {
        MagpieClient client = MagpieClient.builder().host(server.host()).port(server.port()).tls(false)
                .profileDir(profile).locale(locale).clientName("it/1").build();
        clients.add(client);
        client.connect().join();
        return client;
    }

    private MagpieClient connected() {
        return connected(Locale.ENGLISH);
    }

    private static synchronized String newName() {
        return "user" + (++counter) + "_" + Long.toString(System.nanoTime() % 100_000, 36);
    }

    private static MagpieClientException failure(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            return MagpieClientException.unwrap(e).orElseThrow(() -> e);
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void register_logs_in_and_whoami_returns_the_new_profile() {
        MagpieClient client = connected();
        String name = newName();

        LoginOk ok = client.register(name, "correct horse", "Alice").join();
        Profile me = client.profiles().whoami().join();

        assertThat(ok.getResumeToken()).isNotEmpty();
        assertThat(ok.getSelf().getUsername()).isEqualTo(name);
        assertThat(me.getUserId()).isEqualTo(ok.getSelf().getUserId());
        assertThat(me.getNickname()).isEqualTo("Alice");
        assertThat(client.session()).contains(ok);
    }

    @Test
    void login_with_the_right_password_works_and_a_wrong_one_is_unauthenticated() {
        String name = newName();
        connected().register(name, "correct horse", name).join();

        MagpieClient other = connected();
        assertThat(failure(() -> other.login(name, "wrong horse").join()).errorReason()).isEqualTo(ErrorReason.UNAUTHENTICATED);
        assertThat(other.login(name, "correct horse").join().getSelf().getUsername()).isEqualTo(name);
    }

    @Test
    void a_resume_token_logs_a_new_connection_in_without_the_password() {
        String name = newName();
        String token = connected().register(name, "correct horse", name).join().getResumeToken();

        MagpieClient later = connected();
        LoginOk resumed = later.resume(token).join();

        assertThat(resumed.getSelf().getUsername()).isEqualTo(name);
        assertThat(later.profiles().whoami().join().getUsername()).isEqualTo(name);
    }

    @Test
    void logout_revokes_the_resume_token() {
        String name = newName();
        MagpieClient client = connected();
        String token = client.register(name, "correct horse", name).join().getResumeToken();

        client.logout().join();

        assertThat(client.session()).isEmpty();
        MagpieClientException e = failure(() -> connected().resume(token).join());
        assertThat(e.errorReason()).isEqualTo(ErrorReason.UNAUTHENTICATED);
        assertThat(e.fromServer()).isTrue();
    }

    @Test
    void a_changed_password_replaces_the_old_one() {
        String name = newName();
        MagpieClient client = connected();
        client.register(name, "correct horse", name).join();

        assertThat(failure(() -> client.changePassword("not the password", "battery staple").join()).errorReason())
                .isEqualTo(ErrorReason.UNAUTHENTICATED);
        client.changePassword("correct horse", "battery staple").join();

        assertThat(failure(() -> connected().login(name, "correct horse").join()).errorReason())
                .isEqualTo(ErrorReason.UNAUTHENTICATED);
        assertThat(connected().login(name, "battery staple").join().getSelf().getUsername()).isEqualTo(name);
    }

    @Test
    void a_taken_username_is_a_conflict_and_whoami_before_login_is_unauthenticated() {
        String name = newName();
        connected().register(name, "correct horse", name).join();
        MagpieClient client = connected();

        assertThat(failure(() -> client.register(name, "correct horse", name).join()).errorReason())
                .isEqualTo(ErrorReason.CONFLICT);
        assertThat(failure(() -> client.profiles().whoami().join()).errorReason()).isEqualTo(ErrorReason.UNAUTHENTICATED);
    }

    @Test
    void server_errors_come_back_in_the_language_sent_in_hello() {
        MagpieClient client = connected(Locale.SIMPLIFIED_CHINESE);

        MagpieClientException e = failure(() -> client.login(newName(), "wrong horse").join());

        assertThat(e.getMessage()).contains("用户名或密码错误");
    }

    @Test
    void heartbeats_arrive_at_the_server_interval_with_the_latest_sequence() {
        MagpieClient client = connected();
        client.register(newName(), "correct horse", "x").join();
        List<ClientEvent.Heartbeat> beats = new CopyOnWriteArrayList<>();
        client.addListener(e -> {
            if (e instanceof ClientEvent.Heartbeat beat) {
                beats.add(beat);
            }
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> beats.size() >= 2);
        assertThat(beats.get(0).serverTimeMs()).isPositive();
        assertThat(client.state()).isEqualTo(ConnectionState.ONLINE);
    }

    @Test
    void a_plain_client_against_a_tls_server_fails_with_a_hint() {
        try (TestServer tlsServer = TestServer.builder().tls(true).start();
             MagpieClient client = MagpieClient.builder().host(tlsServer.host()).port(tlsServer.port()).tls(false)
                     .profileDir(profile).requestTimeout(Duration.ofSeconds(3)).build()) {
            assertThatThrownBy(() -> client.connect().join()).cause()
                    .isInstanceOf(MagpieConnectionException.class).hasMessageContaining("TLS");
        }
    }

    @Test
    void a_server_shutdown_is_reported_as_going_away_with_its_reason() {
        List<ClientEvent.StateChanged> changes = new CopyOnWriteArrayList<>();
        TestServer doomed = TestServer.start();
        try (MagpieClient client = MagpieClient.builder().host(doomed.host()).port(doomed.port()).tls(false)
                .profileDir(profile).build()) {
            client.addListener(e -> {
                if (e instanceof ClientEvent.StateChanged change) {
                    changes.add(change);
                }
            });
            client.connect().join();
            client.register(newName(), "correct horse", "x").join();

            doomed.close();

            await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == ConnectionState.OFFLINE);
            await().untilAsserted(() -> assertThat(changes).last().satisfies(change -> {
                assertThat(change.state()).isEqualTo(ConnectionState.OFFLINE);
                assertThat(change.cause()).isInstanceOfSatisfying(ServerGoingAwayException.class,
                        away -> assertThat(away.reconnect()).isTrue());
            }));
        } finally {
            doomed.close();
        }
    }
}
