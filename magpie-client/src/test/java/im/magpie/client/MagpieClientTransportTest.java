package im.magpie.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.magpie.client.internal.ClientEvent;
import im.magpie.client.internal.MagpieClient;
import im.magpie.protocol.proto.Error;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.EventPush;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.Ok;
import im.magpie.protocol.proto.Pong;
import im.magpie.protocol.proto.Profile;
import im.magpie.protocol.proto.WhoAmIRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's transport against a scripted fake server: ids, timeouts, errors, pushes, pings. */
class MagpieClientTransportTest {
    @TempDir
    Path profile;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private FakeServer server(Function<Frame, List<Frame>> responder) throws Exception {
        FakeServer server = FakeServer.start(responder);
        toClose.add(server);
        return server;
    }

    private MagpieClient client(FakeServer server, Duration timeout) {
        MagpieClient client = MagpieClient.builder().host("127.0.0.1").port(server.port()).tls(false)
                .profileDir(profile).locale(Locale.SIMPLIFIED_CHINESE).clientName("test/1")
                .requestTimeout(timeout).build();
        toClose.add(client);
        return client;
    }

    private static Frame answer(Frame request, Frame.Builder body) {
        return body.setId(request.getId()).build();
    }

    @Test
    void connect_says_hello_with_version_name_and_locale_and_goes_online() throws Exception {
        FakeServer server = server(f -> List.of());
        MagpieClient client = client(server, Duration.ofSeconds(5));
        List<ClientEvent> events = new CopyOnWriteArrayList<>();
        client.addListener(events::add);

        ServerInfo info = client.connect().join();

        assertThat(info.serverName()).isEqualTo("fake");
        Frame hello = server.received().get(0);
        assertThat(hello.getId()).isNotZero();
        assertThat(hello.getHello().getMajor()).isEqualTo(1);
        assertThat(hello.getHello().getLocale()).isEqualTo("zh-CN");
        assertThat(hello.getHello().getClientName()).isEqualTo("test/1");
        assertThat(client.state()).isEqualTo(ConnectionState.ONLINE);
        await().untilAsserted(() -> assertThat(events).containsExactly(
                new ClientEvent.StateChanged(ConnectionState.CONNECTING, null),
                new ClientEvent.StateChanged(ConnectionState.ONLINE, null)));
    }

    @Test
    void a_server_refusing_our_protocol_version_is_reported_as_bad_version() throws Exception {
        FakeServer server = server(f -> List.of()).helloResponder(hello -> List.of(answer(hello,
                Frame.newBuilder().setError(Error.newBuilder().setCode(ErrorCode.BAD_VERSION)
                        .setMessage("only 2.x spoken here")))));
        MagpieClient client = client(server, Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.connect().join()).cause()
                .isInstanceOfSatisfying(MagpieClientException.class, e -> {
                    assertThat(e.errorReason()).isEqualTo(ErrorReason.BAD_VERSION);
                    assertThat(e.getMessage()).contains("does not speak protocol 1.0").contains("only 2.x");
                });
        assertThat(client.state()).isEqualTo(ConnectionState.OFFLINE);
    }

    @Test
    void responses_are_matched_to_requests_by_id_even_out_of_order() throws Exception {
        List<Frame> held = new CopyOnWriteArrayList<>();
        FakeServer server = server(request -> {
            held.add(request);
            if (held.size() < 2) {
                return List.of();
            }
            // answer the second first, then the first
            return List.of(
                    answer(held.get(1), Frame.newBuilder().setProfile(Profile.newBuilder().setUsername("second"))),
                    answer(held.get(0), Frame.newBuilder().setProfile(Profile.newBuilder().setUsername("first"))));
        });
        MagpieClient client = client(server, Duration.ofSeconds(5));
        client.connect().join();

        CompletableFuture<Profile> first = client.profiles().whoami();
        await().until(() -> held.size() == 1);
        CompletableFuture<Profile> second = client.profiles().whoami();

        assertThat(first.join().getUsername()).isEqualTo("first");
        assertThat(second.join().getUsername()).isEqualTo("second");
        assertThat(held.get(0).getId()).isNotEqualTo(held.get(1).getId());
    }

    @Test
    void a_request_without_an_answer_times_out_and_a_late_answer_is_ignored() throws Exception {
        List<Frame> held = new CopyOnWriteArrayList<>();
        FakeServer server = server(request -> {
            held.add(request);
            return List.of();
        });
        MagpieClient client = client(server, Duration.ofMillis(300));
        client.connect().join();

        assertThatThrownBy(() -> client.profiles().whoami().join()).cause()
                .isInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("WHOAMI").hasMessageContaining("300 ms");

        server.push(answer(held.get(0), Frame.newBuilder().setOk(Ok.getDefaultInstance())));
        assertThat(client.state()).isEqualTo(ConnectionState.ONLINE);
    }

    @Test
    void an_error_frame_becomes_a_typed_exception_with_code_message_and_retry_after() throws Exception {
        FakeServer server = server(request -> List.of(answer(request, Frame.newBuilder().setError(Error.newBuilder()
                .setCode(ErrorCode.RATE_LIMITED).setMessage("slow down").setRetryAfterSeconds(7)))));
        MagpieClient client = client(server, Duration.ofSeconds(5));
        client.connect().join();

        CompletionException thrown = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> client.login("alice", "password1").join());

        MagpieClientException e = MagpieClientException.unwrap(thrown).orElseThrow();
        assertThat(e.errorReason()).isEqualTo(ErrorReason.RATE_LIMITED);
        assertThat(e.getMessage()).isEqualTo("slow down");
        assertThat(e.retryAfterSeconds()).isEqualTo(7);
        assertThat(e.fromServer()).isTrue();
    }

    @Test
    void an_answer_of_the_wrong_type_is_an_error_not_a_class_cast() throws Exception {
        FakeServer server = server(request -> List.of(answer(request, Frame.newBuilder().setOk(Ok.getDefaultInstance()))));
        MagpieClient client = client(server, Duration.ofSeconds(5));
        client.connect().join();

        assertThatThrownBy(() -> client.profiles().whoami().join()).cause()
                .isInstanceOf(MagpieClientException.class).hasMessageContaining("instead of PROFILE");
    }

    @Test
    void the_generic_request_returns_any_answer_with_the_same_id() throws Exception {
        FakeServer server = server(request -> List.of(answer(request, Frame.newBuilder().setOk(Ok.getDefaultInstance()))));
        MagpieClient client = client(server, Duration.ofSeconds(5));
        client.connect().join();
        Frame.Builder body = Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance());

        Frame answer = client.request(body).join();

        assertThat(answer.hasOk()).isTrue();
        assertThat(body.getId()).as("the caller's builder is not changed").isZero();
    }

    @Test
    void pushes_reach_listeners_on_the_library_thread_not_the_network_thread() throws Exception {
        FakeServer server = server(request -> List.of());
        MagpieClient client = client(server, Duration.ofSeconds(5));
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Frame> pushes = new CopyOnWriteArrayList<>();
        client.addListener(event -> {
            if (event instanceof ClientEvent.Push push) {
                threads.add(Thread.currentThread().getName());
                pushes.add(push.frame());
            }
        });
        client.connect().join();

        Frame push = Frame.newBuilder().setEvent(EventPush.newBuilder().setEvent(InboxEvent.newBuilder().setSeq(5))).build();
        server.push(push);

        await().untilAsserted(() -> assertThat(pushes).containsExactly(push));
        assertThat(threads).containsExactly("magpie-client-events");
    }

    @Test
    void the_client_pings_at_the_server_interval_and_reports_the_latest_sequence() throws Exception {
        FakeServer server = server(request -> request.hasPing()
                ? List.of(answer(request, Frame.newBuilder().setPong(Pong.newBuilder().setLatestSeq(42))))
                : List.of()).heartbeatSeconds(1);
        MagpieClient client = client(server, Duration.ofSeconds(5));
        List<ClientEvent.Heartbeat> beats = new CopyOnWriteArrayList<>();
        client.addListener(event -> {
            if (event instanceof ClientEvent.Heartbeat beat) {
                beats.add(beat);
            }
        });
        client.connect().join();

        await().atMost(Duration.ofSeconds(5)).until(() -> beats.size() >= 2);
        assertThat(beats.get(0).latestSeq()).isEqualTo(42);
        assertThat(client.latestSeq()).isEqualTo(42);
    }

    @Test
    void a_server_that_stops_answering_pings_is_declared_offline() throws Exception {
        FakeServer server = server(request -> List.of()).heartbeatSeconds(1);
        MagpieClient client = client(server, Duration.ofMillis(300));
        client.connect().join();

        await().atMost(Duration.ofSeconds(5)).until(() -> client.state() == ConnectionState.OFFLINE);
    }

    @Test
    void a_lost_connection_fails_requests_in_flight_and_reports_offline_once() throws Exception {
        FakeServer server = server(request -> List.of());
        MagpieClient client = client(server, Duration.ofSeconds(30));
        List<ClientEvent> events = new CopyOnWriteArrayList<>();
        client.addListener(events::add);
        client.connect().join();
        CompletableFuture<Profile> inFlight = client.profiles().whoami();
        await().until(() -> server.received().size() == 2);

        server.disconnectClients();

        assertThatThrownBy(inFlight::join).cause().isInstanceOf(MagpieConnectionException.class)
                .hasMessageContaining("connection closed");
        await().until(() -> events.stream().filter(e -> e instanceof ClientEvent.StateChanged s
                && s.state() == ConnectionState.OFFLINE).count() == 1);
        ClientEvent.StateChanged offline = (ClientEvent.StateChanged) events.get(events.size() - 1);
        assertThat(offline.cause()).hasMessageContaining("connection to the server was lost");
        assertThatThrownBy(() -> client.profiles().whoami().join()).cause().isInstanceOf(MagpieConnectionException.class)
                .hasMessageContaining("not connected");
    }

    @Test
    void an_unreachable_server_fails_with_a_connection_exception() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        MagpieClient client = MagpieClient.builder().host("127.0.0.1").port(port).tls(false).profileDir(profile).build();
        toClose.add(client);

        assertThatThrownBy(() -> client.connect().join()).cause()
                .isInstanceOf(MagpieConnectionException.class).hasMessageContaining("cannot reach 127.0.0.1:" + port);
        assertThat(client.state()).isEqualTo(ConnectionState.OFFLINE);
    }

    @Test
    void a_server_that_closes_every_connection_at_once_fails_the_connect_instead_of_hanging() throws Exception {
        // The channel can be gone (handlers removed) before the connect listener runs: that once
        // left connect() waiting forever.
        try (java.net.ServerSocket slammer = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!slammer.isClosed()) {
                    try (java.net.Socket s = slammer.accept()) {
                        s.setSoLinger(true, 0); // reset, the fastest close there is
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            }, "slammer");
            t.setDaemon(true);
            t.start();
            for (int i = 0; i < 30; i++) {
                MagpieClient client = MagpieClient.builder().host("127.0.0.1").port(slammer.getLocalPort())
                        .tls(i % 2 == 0).profileDir(profile).requestTimeout(Duration.ofSeconds(5)).build();
                toClose.add(client);
                assertThatThrownBy(() -> client.connect().get(10, java.util.concurrent.TimeUnit.SECONDS))
                        .isInstanceOf(java.util.concurrent.ExecutionException.class)
                        .cause().isInstanceOf(MagpieConnectionException.class);
                assertThat(client.state()).isEqualTo(ConnectionState.OFFLINE);
            }
        }
    }

    @Test
    void a_failing_listener_does_not_stop_delivery_to_the_others() throws Exception {
        FakeServer server = server(request -> List.of());
        MagpieClient client = client(server, Duration.ofSeconds(5));
        List<ClientEvent> seen = new CopyOnWriteArrayList<>();
        client.addListener(event -> {
            throw new IllegalStateException("listener bug");
        });
        client.addListener(seen::add);

        client.connect().join();

        await().until(() -> seen.size() == 2);
    }

    @Test
    void a_client_connects_once() throws Exception {
        FakeServer server = server(request -> List.of());
        MagpieClient client = client(server, Duration.ofSeconds(5));
        client.connect().join();

        assertThatThrownBy(() -> client.connect().join()).cause().isInstanceOf(IllegalStateException.class);
        client.close();
        assertThat(client.state()).isEqualTo(ConnectionState.OFFLINE);
        assertThatThrownBy(() -> client.profiles().whoami().join()).cause().isInstanceOf(MagpieConnectionException.class);
    }
}
