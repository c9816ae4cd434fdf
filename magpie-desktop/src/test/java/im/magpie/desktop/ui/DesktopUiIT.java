package im.magpie.desktop.ui;

import static im.magpie.desktop.ui.DesktopFixture.WAIT;
import static im.magpie.desktop.ui.DesktopFixture.fx;
import static im.magpie.desktop.ui.DesktopFixture.node;
import static im.magpie.desktop.ui.DesktopFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.magpie.desktop.MagpieDesktop;
import im.magpie.desktop.model.ChatItem;
import im.magpie.desktop.model.ChatKey;
import im.magpie.desktop.model.ChatMessage;
import im.magpie.desktop.model.ChatViewModel;
import im.magpie.desktop.model.ConnectionState;
import im.magpie.desktop.model.Contact;
import im.magpie.desktop.model.GroupActivity;
import im.magpie.desktop.model.MessageMark;
import im.magpie.desktop.model.PresenceState;
import im.magpie.desktop.view.DesktopWindow;
import im.magpie.server.config.CoreSettings;
import im.magpie.testkit.TcpProxy;
import im.magpie.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Two real desktop windows (alice and bob, each on its own profile) against a real server in
 * this JVM, driven headless through TestFX and Monocle, one user story in order: register, become
 * friends, chat both ways in Chinese and with emoji, see presence and read marks, recall, a group
 * with a join notice, and a server restart with a message written offline delivered once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopUiIT {
    @TempDir
    static Path tmp;
    static TestServer server;
    static TcpProxy proxy;
    static ExecutorService io;
    static DesktopWindow alice;
    static DesktopWindow bob;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.builder().dataDir(tmp.resolve("server")).set(CoreSettings.HEARTBEAT_SECONDS, 1).start();
        proxy = new TcpProxy(server.port());
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> Application.setUserAgentStylesheet(MagpieDesktop.THEME));
        io = MagpieDesktop.ioThreads();
        alice = DesktopFixture.open(Files.createDirectories(tmp.resolve("alice")), proxy.port(), 0, io);
        bob = DesktopFixture.open(Files.createDirectories(tmp.resolve("bob")), proxy.port(), 1200, io);
    }

    @AfterAll
    static void stop() throws Exception {
        if (alice != null) {
            run(() -> alice.stage().close());
        }
        if (bob != null) {
            run(() -> bob.stage().close());
        }
        io.shutdown();
        FxToolkit.cleanupStages();
        proxy.close();
        server.close();
    }

    @Test
    @Order(1)
    void two_people_register_in_their_windows_and_see_their_main_windows() {
        register(alice, "alice", "Alice");
        register(bob, "bob", "Bob 王");
        assertThat(fx(() -> alice.stage().getTitle())).isEqualTo("Magpie - Alice");
        assertThat(labelText(bob, "#selfName")).isEqualTo("Bob 王");
        assertThat(labelText(alice, "#connectionState")).isEqualTo("Online");
    }

    @Test
    @Order(2)
    void a_friend_request_from_the_add_friend_dialog_is_accepted_from_the_notices() {
        click(node(robot, alice, "#addFriendButton"));
        TextField query = dialogNode("#friendSearchField");
        run(() -> query.setText("bob"));
        click(dialogNode("#friendSearchButton"));
        Button send = dialogNode("#sendFriendRequestButton");
        await().atMost(WAIT).until(() -> fx(() -> !send.isDisabled()));
        click(send);
        Label status = dialogNode("#addFriendStatus");
        await().atMost(WAIT).until(() -> fx(() -> status.getText().contains("bob")));
        run(() -> query.getScene().getWindow().hide());

        run(() -> bob.mainView().tabs().getSelectionModel().select(3));
        Button accept = node(robot, bob, n -> n.getId() != null && n.getId().startsWith("accept-friend-"));
        click(accept);

        await().atMost(WAIT).until(() -> friend(alice, "bob").isPresent() && friend(bob, "alice").isPresent());
        assertThat(friend(alice, "bob").orElseThrow().presence()).isEqualTo(PresenceState.ONLINE);
        run(() -> alice.mainView().tabs().getSelectionModel().select(1));
        assertThat(labelText(alice, "#presence-bob")).isEqualTo("[Online]");
    }

    @Test
    @Order(3)
    void messages_go_both_ways_in_chinese_and_with_emoji_and_the_reader_marks_them_read() {
        run(() -> alice.mainView().tabs().getSelectionModel().select(1));
        doubleClick(node(robot, alice, "#presence-bob"));
        typeAndEnter(alice, "你好 Bob 👋");
        await().atMost(WAIT).until(() -> bubble(alice, "你好 Bob 👋").isPresent());

        // bob: an unread badge in the conversations, then the chat
        run(() -> bob.mainView().tabs().getSelectionModel().select(0));
        long aliceId = fx(() -> alice.session().selfId());
        Label badge = node(robot, bob, "#badge-user-" + aliceId);
        assertThat(DesktopFixture.<String>fx(badge::getText)).isEqualTo("1");
        click(badge);
        await().atMost(WAIT).until(() -> bubble(bob, "你好 Bob 👋").isPresent());

        // Shift+Enter is a new line, Enter sends
        TextArea input = node(robot, bob, "#messageInput");
        run(() -> input.setText("Hi Alice 😄"));
        click(input);
        run(() -> input.positionCaret(input.getLength()));
        robot.press(KeyCode.SHIFT).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.SHIFT);
        await().atMost(WAIT).until(() -> DesktopFixture.<String>fx(input::getText).equals("Hi Alice 😄\n"));
        run(() -> input.appendText("第二行"));
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> bubble(alice, "Hi Alice 😄\n第二行").isPresent());
        assertThat(DesktopFixture.<String>fx(input::getText)).isEmpty();

        // bob has read alice's message: her mark says so
        await().atMost(WAIT).until(() -> bubble(alice, "你好 Bob 👋").map(ChatMessage::mark).orElse(null) == MessageMark.READ);
        long localId = bubble(alice, "你好 Bob 👋").orElseThrow().localId();
        await().atMost(WAIT).until(() -> labelText(alice, "#mark-" + localId).equals("Read"));
        assertThat(fx(() -> bob.mainViewModel().totalUnreadProperty().get())).isZero();

        // search within the conversation
        TextField search = node(robot, alice, "#chatSearch");
        run(() -> search.setText("第二行"));
        await().atMost(WAIT).until(() -> fx(() -> alice.mainViewModel().openChatProperty().get().searchHits().stream()
                .map(ChatMessage::text).toList()).equals(List.of("Hi Alice 😄\n第二行")));
        run(() -> search.setText(""));

        // the emoji picker puts its emoji into the input
        click(node(robot, alice, "#emojiButton"));
        Button smile = dialogNode(".emoji-button");
        String emoji = fx(smile::getText);
        click(smile);
        TextArea aliceInput = node(robot, alice, "#messageInput");
        await().atMost(WAIT).until(() -> DesktopFixture.<String>fx(aliceInput::getText).equals(emoji));
        run(aliceInput::clear);
    }

    @Test
    @Order(8)
    void the_profile_editor_changes_the_nickname_and_signature_shown() {
        click(node(robot, bob, "#profileButton"));
        TextField nickname = dialogNode("#nicknameEdit");
        TextField signature = dialogNode("#signatureEdit");
        run(() -> {
            nickname.setText("Bobby 王");
            signature.setText("去徒步了 ⛰");
        });
        click(dialogNode("#saveProfileButton"));
        await().atMost(WAIT).until(() -> labelText(bob, "#selfName").equals("Bobby 王"));
        await().atMost(WAIT).until(() -> friend(alice, "bob").map(Contact::signature).orElse("").equals("去徒步了 ⛰"));
    }

    @Test
    @Order(4)
    void a_status_change_shows_in_the_friends_list_of_the_other() {
        ComboBox<PresenceState> status = node(robot, bob, "#statusBox");
        run(() -> status.setValue(PresenceState.BUSY));
        await().atMost(WAIT).until(() -> friend(alice, "bob").map(Contact::presence).orElse(null) == PresenceState.BUSY);
        run(() -> alice.mainView().tabs().getSelectionModel().select(1));
        await().atMost(WAIT).until(() -> labelText(alice, "#presence-bob").equals("[Busy]"));
        run(() -> status.setValue(PresenceState.ONLINE));
        await().atMost(WAIT).until(() -> friend(alice, "bob").map(Contact::presence).orElse(null) == PresenceState.ONLINE);
    }

    @Test
    @Order(5)
    void a_message_recalled_from_its_context_menu_is_recalled_for_the_reader_too() {
        ChatMessage mine = bubble(alice, "你好 Bob 👋").orElseThrow();
        // the bubble's context menu, found and used in one FX turn (cells are reused between turns)
        await().atMost(WAIT).until(() -> fx(() -> robot.from(alice.stage().getScene().getRoot())
                .lookup((Node n) -> n instanceof Label l && "你好 Bob 👋".equals(l.getText())).tryQuery()
                .map(label -> {
                    Node n = label;
                    while (n != null && !(n instanceof ListCell<?>)) {
                        n = n.getParent();
                    }
                    ContextMenu menu = n == null ? null : ((ListCell<?>) n).getContextMenu();
                    Optional<MenuItem> recall = menu == null ? Optional.empty() : menu.getItems().stream()
                            .filter(i -> "recallItem".equals(i.getId())).findFirst();
                    recall.ifPresent(MenuItem::fire);
                    return recall.isPresent();
                }).orElse(false)));
        await().atMost(WAIT).until(() -> message(bob, m -> m.messageId() == mine.messageId())
                .map(ChatMessage::mark).orElse(null) == MessageMark.RECALLED);
        node(robot, bob, n -> n instanceof Label l && "Alice recalled a message".equals(l.getText()));
        node(robot, alice, n -> n instanceof Label l && "You recalled a message".equals(l.getText()));
    }

    @Test
    @Order(6)
    void a_group_made_in_the_dialog_shows_the_invitee_joining_with_the_members_online() {
        click(node(robot, alice, "#createGroupOpen"));
        TextField name = dialogNode("#groupNameField");
        run(() -> name.setText("徒步群 🌲"));
        CheckBox invite = dialogNode("#invite-bob");
        click(invite);
        assertThat(fx(invite::isSelected)).isTrue();
        click(dialogNode("#createGroupButton"));
        await().atMost(WAIT).until(() -> fx(() -> alice.mainViewModel().groups().size()) == 1);
        long groupId = fx(() -> alice.mainViewModel().groups().get(0).groupId());
        run(() -> alice.mainViewModel().open(ChatKey.group(groupId), "徒步群 🌲"));

        run(() -> bob.mainView().tabs().getSelectionModel().select(3));
        click(node(robot, bob, "#accept-group-" + groupId));

        await().atMost(WAIT).until(() -> activity(alice, groupId).stream()
                .anyMatch(a -> a.kind() == GroupActivity.Kind.JOINED && a.subjectName().equals("Bob 王")));
        node(robot, alice, n -> n instanceof Label l && "Bob 王 joined the group".equals(l.getText()));
        await().atMost(WAIT).until(() -> labelText(alice, "#onlineCount")
                .equals("2 of 2 members online"));
        await().atMost(WAIT).until(() -> fx(() -> bob.mainViewModel().groups().size()) == 1);
    }

    @Test
    @Order(7)
    void after_a_server_restart_a_message_written_offline_is_delivered_once() {
        long bobId = fx(() -> bob.session().selfId());
        long aliceId = fx(() -> alice.session().selfId());
        run(() -> alice.mainViewModel().open(ChatKey.user(bobId), "Bob 王"));
        run(() -> bob.mainViewModel().open(ChatKey.user(aliceId), "Alice"));
        Path data = server.dataDir();
        server.stopKeepingData();
        await().atMost(WAIT).until(() -> fx(() -> alice.session().connectionProperty().get().phase())
                != ConnectionState.Phase.ONLINE);
        node(robot, alice, n -> n instanceof Label l && "connectionState".equals(l.getId())
                && l.getText().startsWith("Connection lost"));

        typeAndEnter(alice, "written offline 离线 ✅");
        await().atMost(WAIT).until(() -> bubble(alice, "written offline 离线 ✅").map(ChatMessage::mark).orElse(null)
                == MessageMark.SENDING);
        long localId = bubble(alice, "written offline 离线 ✅").orElseThrow().localId();
        assertThat(labelText(alice, "#mark-" + localId)).isEqualTo("Sending");

        server = TestServer.builder().dataDir(data).set(CoreSettings.HEARTBEAT_SECONDS, 1).start();
        proxy.target(server.port());

        await().atMost(WAIT).until(() -> fx(() -> alice.session().connectionProperty().get().phase())
                == ConnectionState.Phase.ONLINE);
        await().atMost(WAIT).until(() -> bubble(bob, "written offline 离线 ✅").isPresent());
        await().atMost(WAIT).until(() -> bubble(alice, "written offline 离线 ✅").map(ChatMessage::mark)
                .filter(m -> m != MessageMark.SENDING).isPresent());
        assertThat(messages(bob).stream().filter(m -> m.text().equals("written offline 离线 ✅"))).hasSize(1);
    }

    // ------------------------------------------------------------------ helpers

    private void register(DesktopWindow w, String username, String nickname) {
        click(node(robot, w, "#registerLink"));
        TextField user = node(robot, w, "#usernameField");
        TextField password = node(robot, w, "#passwordField");
        TextField nick = node(robot, w, "#nicknameField");
        run(() -> {
            user.setText(username);
            password.setText("secret-password-1");
            nick.setText(nickname);
        });
        click(node(robot, w, "#loginButton"));
        await().atMost(WAIT).until(() -> fx(() -> w.loggedInProperty().get()));
    }

    /** Clicks a node's centre, its position read on the FX thread (reading bounds elsewhere races the pulse). */
    private void click(Node node) {
        run(() -> {
            node.getScene().getWindow().requestFocus(); // keys go to the window last clicked
        });
        robot.clickOn(centre(node), MouseButton.PRIMARY);
    }

    private void doubleClick(Node node) {
        robot.doubleClickOn(centre(node), MouseButton.PRIMARY);
    }

    private static Point2D centre(Node node) {
        return fx(() -> {
            Bounds b = node.localToScreen(node.getBoundsInLocal());
            return new Point2D(b.getCenterX(), b.getCenterY());
        });
    }

    private String labelText(DesktopWindow w, String id) {
        Label label = node(robot, w, id);
        return fx(label::getText);
    }

    private void typeAndEnter(DesktopWindow w, String text) {
        TextArea input = node(robot, w, "#messageInput");
        run(() -> input.setText(text));
        click(input);
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
    }

    private <T extends Node> T dialogNode(String id) {
        await().atMost(WAIT).until(() -> fx(() -> dialogLookup(id).isPresent()));
        return fx(() -> this.<T>dialogLookup(id).orElseThrow());
    }

    private <T extends Node> Optional<T> dialogLookup(String id) {
        for (Window window : Window.getWindows()) {
            if (window != alice.stage() && window != bob.stage() && window.getScene() != null) {
                Optional<T> found = robot.from(window.getScene().getRoot()).lookup(id).tryQuery();
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Contact> friend(DesktopWindow w, String username) {
        return fx(() -> w.mainViewModel().friendCategories().stream().flatMap(c -> c.friends().stream())
                .filter(c -> c.username().equals(username)).findFirst());
    }

    private static List<ChatMessage> messages(DesktopWindow w) {
        return fx(() -> {
            ChatViewModel chat = w.mainViewModel().openChatProperty().get();
            return chat == null ? List.<ChatMessage>of() : chat.items().stream()
                    .filter(i -> i instanceof ChatItem.Bubble).map(i -> ((ChatItem.Bubble) i).message()).toList();
        });
    }

    private static Optional<ChatMessage> message(DesktopWindow w, java.util.function.Predicate<ChatMessage> which) {
        return messages(w).stream().filter(which).findFirst();
    }

    private static Optional<ChatMessage> bubble(DesktopWindow w, String text) {
        return message(w, m -> m.text().equals(text));
    }

    private static List<GroupActivity> activity(DesktopWindow w, long groupId) {
        return fx(() -> {
            ChatViewModel chat = w.mainViewModel().openChatProperty().get();
            return chat == null || !chat.key().equals(ChatKey.group(groupId)) ? List.<GroupActivity>of()
                    : chat.items().stream().filter(i -> i instanceof ChatItem.Activity)
                    .map(i -> ((ChatItem.Activity) i).activity()).toList();
        });
    }
}
