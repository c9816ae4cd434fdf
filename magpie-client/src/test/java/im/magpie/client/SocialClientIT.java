package im.magpie.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.magpie.client.internal.ClientEvent;
import im.magpie.client.internal.Friends;
import im.magpie.client.internal.MagpieClient;
import im.magpie.client.internal.Profiles;
import im.magpie.client.internal.WireErrors;
import im.magpie.protocol.proto.Category;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.FriendList;
import im.magpie.protocol.proto.FriendRequest;
import im.magpie.protocol.proto.FriendRequestState;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.protocol.proto.Profile;
import im.magpie.testkit.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link Friends} and {@link Profiles} facades against the real server. */
class SocialClientIT {
    private static TestServer server;

    @TempDir
    Path profile;

    private RegisteredClients clients;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void clients() {
        clients = new RegisteredClients(server, profile);
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    /** A registered client whose pushes are collected in {@code pushes}. */
    private MagpieClient register(String prefix, List<Frame> pushes) {
        return clients.register(prefix, e -> {
            if (e instanceof ClientEvent.Push p) pushes.add(p.frame());
        });
    }


    private static ErrorCode codeOf(Runnable r) {
        try {
            r.run();
        } catch (CompletionException e) {
            return WireErrors.code((MagpieClientException) e.getCause());
        }
        throw new AssertionError("no error");
    }

    @Test
    void a_friendship_from_request_to_categories_remark_and_removal() {
        List<Frame> alicePushes = new CopyOnWriteArrayList<>();
        List<Frame> bobPushes = new CopyOnWriteArrayList<>();
        MagpieClient alice = register("alice", alicePushes);
        MagpieClient bob = register("bob", bobPushes);
        String bobName = bob.session().orElseThrow().getSelf().getUsername();
        long bobId = bob.session().orElseThrow().getSelf().getUserId();

        FriendRequest sent = alice.friends().request(bobName, "hello").join();
        await().atMost(Duration.ofSeconds(5)).until(() -> bobPushes.stream().anyMatch(f -> f.hasEvent()
                && f.getEvent().getEvent().getFriendRequest().getRequestId() == sent.getRequestId()));
        assertThat(bob.friends().requests().join().getIncomingList()).extracting(FriendRequest::getNote).containsExactly("hello");
        assertThat(bob.friends().accept(sent.getRequestId()).join().getState()).isEqualTo(FriendRequestState.ACCEPTED);
        assertThat(codeOf(() -> bob.friends().reject(sent.getRequestId()).join())).isEqualTo(ErrorCode.CONFLICT);

        Category work = alice.friends().createCategory("Work").join();
        alice.friends().move(bobId, work.getCategoryId()).join();
        alice.friends().remark(bobId, "Bobby").join();
        FriendList list = alice.friends().list().join();
        assertThat(list.getFriendsList()).singleElement().satisfies(f -> {
            assertThat(f.getRemark()).isEqualTo("Bobby");
            assertThat(f.getCategoryId()).isEqualTo(work.getCategoryId());
            assertThat(f.getProfile().getPresence()).isEqualTo(PresenceStatus.ONLINE);
        });
        assertThat(alice.friends().renameCategory(work.getCategoryId(), "Colleagues").join().getName()).isEqualTo("Colleagues");
        alice.friends().deleteCategory(work.getCategoryId()).join();
        assertThat(codeOf(() -> alice.friends().createCategory("My Friends").join())).isEqualTo(ErrorCode.CONFLICT);

        bob.profiles().setStatus(PresenceStatus.BUSY).join();
        await().atMost(Duration.ofSeconds(2)).until(() -> alicePushes.stream().anyMatch(f -> f.hasPresenceChanged()
                && f.getPresenceChanged().getPresence() == PresenceStatus.BUSY));

        alice.friends().remove(bobId).join();
        assertThat(bob.friends().list().join().getFriendsList()).isEmpty();
        alice.friends().block(bobId).join();
        assertThat(alice.friends().list().join().getBlockedUserIdsList()).containsExactly(bobId);
        alice.friends().unblock(bobId).join();
        FriendRequest again = alice.friends().request(bobId, "").join();
        assertThat(alice.friends().cancel(again.getRequestId()).join().getState()).isEqualTo(FriendRequestState.CANCELLED);
        assertThat(codeOf(() -> alice.friends().request("nobody-here", "").join())).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void profiles_search_update_and_avatar() throws Exception {
        MagpieClient carol = register("carol", new CopyOnWriteArrayList<>());
        String name = carol.session().orElseThrow().getSelf().getUsername();
        assertThat(carol.profiles().search(name, 0).join()).extracting(Profile::getUsername).containsExactly(name);
        Profile updated = carol.profiles().update("卡罗尔", "签名").join();
        assertThat(updated.getNickname()).isEqualTo("卡罗尔");
        assertThat(carol.profiles().get(name).join().getSignature()).isEqualTo("签名");
        assertThat(codeOf(() -> carol.profiles().update(null, "x".repeat(81)).join())).isEqualTo(ErrorCode.BAD_REQUEST);

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB), "png", png);
        Profile withAvatar = carol.profiles().setAvatar(png.toByteArray()).join();
        assertThat(withAvatar.getAvatarHash()).hasSize(64);
        assertThat(carol.profiles().avatar(withAvatar.getAvatarHash()).join().getImage().size()).isPositive();
        assertThatThrownBy(() -> carol.profiles().setAvatar("text".getBytes()).join()).hasCauseInstanceOf(MagpieClientException.class);
    }
}
