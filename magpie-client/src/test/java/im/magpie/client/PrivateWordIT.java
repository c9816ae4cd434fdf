package im.magpie.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.magpie.client.history.PeerRef;
import im.magpie.testkit.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GroupChats#privateWord}: two members who are not friends, through their group, on a real server. */
class PrivateWordIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private TestServer server;
    private final List<Messenger> messengers = new ArrayList<>();

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        messengers.forEach(Messenger::close);
        server.close();
    }

    private Messenger registered(String name) {
        Messenger m = Messenger.builder().server("127.0.0.1", server.port()).tls(false)
                .profileDir(dir.resolve(name)).build();
        messengers.add(m);
        m.register(name, "password-123", name).join();
        return m;
    }

    private static GroupDetails groupOf(Messenger owner, Messenger member, boolean privateChat) {
        GroupDetails g = owner.groupChats().create("周末徒步", "", JoinPolicy.INVITE_ONLY, privateChat,
                List.of(member.userId())).join();
        member.groupChats().answerInvitation(g.groupId(), true).join();
        return g;
    }

    @Test
    void a_private_word_through_a_group_reaches_a_member_who_is_not_a_friend_named_by_the_sender() {
        Messenger alice = registered("pw_alice");
        Messenger bob = registered("pw_bob");
        List<NamedMessage> bobGot = new CopyOnWriteArrayList<>();
        bob.addListener(e -> {
            if (e instanceof MessengerEvent.MessagesReceived r) {
                bobGot.addAll(r.messages());
            }
        });
        GroupDetails g = groupOf(alice, bob, true);

        long id = alice.groupChats().privateWord(g.groupId(), bob.userId(), "悄悄话 🤫").join();

        assertThat(id).isPositive();
        await().atMost(WAIT).until(() -> bobGot.stream().anyMatch(m -> m.messageId() == id));
        NamedMessage word = bobGot.stream().filter(m -> m.messageId() == id).findFirst().orElseThrow();
        assertThat(word.text()).isEqualTo("悄悄话 🤫");
        assertThat(word.sender().username()).isEqualTo("pw_alice");
        assertThat(word.peer()).isEqualTo(PeerRef.user(alice.userId()));
    }

    @Test
    void a_group_that_turned_private_chat_off_refuses_the_word_as_forbidden() {
        Messenger alice = registered("pw_carol");
        Messenger bob = registered("pw_dave");
        GroupDetails g = groupOf(alice, bob, false);

        assertThatThrownBy(() -> alice.groupChats().privateWord(g.groupId(), bob.userId(), "hi").join())
                .satisfies(e -> assertThat(MagpieClientException.unwrap(e).orElseThrow().errorReason())
                        .isEqualTo(ErrorReason.FORBIDDEN));
    }
}
