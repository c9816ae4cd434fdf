package im.magpie.desktop.ui;

import static im.magpie.desktop.ui.DesktopFixture.WAIT;
import static im.magpie.desktop.ui.DesktopFixture.fx;
import static im.magpie.desktop.ui.DesktopFixture.node;
import static im.magpie.desktop.ui.DesktopFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.magpie.client.Messenger;
import im.magpie.client.UserRef;
import im.magpie.desktop.MagpieDesktop;
import im.magpie.desktop.model.ChatItem;
import im.magpie.desktop.model.ChatKey;
import im.magpie.desktop.model.ChatViewModel;
import im.magpie.desktop.model.FileTransfer;
import im.magpie.desktop.view.ChatView;
import im.magpie.desktop.view.DesktopWindow;
import im.magpie.server.config.CoreSettings;
import im.magpie.testkit.TcpProxy;
import im.magpie.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
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
 * Two real desktop windows with direct channels on (the desktop's default), against a real server
 * in this JVM: the direct mark, files and images (send, progress, accept into the download folder
 * set in the settings, decline, a pasted image shown inline and opened full size), a group's
 * announcement, "@" suggestions and the mention mark, notifications while unfocused, older
 * messages on scrolling up, and Ctrl+F / Esc.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatExtrasUiIT {
    private static final String PASSWORD = "secret-password-1";
    @TempDir
    static Path tmp;
    static TestServer server;
    static TcpProxy proxy;
    static ExecutorService io;
    static DesktopWindow alice;
    static DesktopWindow bob;
    static long aliceId;
    static long bobId;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.builder().dataDir(tmp.resolve("server")).set(CoreSettings.HEARTBEAT_SECONDS, 1).start();
        proxy = new TcpProxy(server.port());
        try (Messenger a = setup("alice", "Alice"); Messenger b = setup("bob", "Bob 王")) {
            aliceId = a.userId();
            bobId = b.userId();
            long request = a.social().sendFriendRequest(bobId, "hi").join().requestId();
            b.social().answerFriendRequest(request, true).join();
        }
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> Application.setUserAgentStylesheet(MagpieDesktop.THEME));
        io = MagpieDesktop.ioThreads();
        alice = DesktopFixture.open(Files.createDirectories(tmp.resolve("alice")), proxy.port(), 0, io, true);
        bob = DesktopFixture.open(Files.createDirectories(tmp.resolve("bob")), proxy.port(), 1200, io, true);
    }

    private static Messenger setup(String user, String nickname) {
        Messenger m = Messenger.builder().server("127.0.0.1", server.port()).tls(false)
                .profileDir(tmp.resolve("setup-" + user)).build();
        m.register(user, PASSWORD, nickname).join();
        return m;
    }

    @AfterAll
    static void stop() throws Exception {
        for (DesktopWindow w : new DesktopWindow[] {alice, bob}) {
            if (w != null) {
                run(() -> w.stage().close());
            }
        }
        io.shutdown();
        FxToolkit.cleanupStages();
        proxy.close();
        server.close();
    }

    @Test
    @Order(1)
    void a_one_to_one_chat_says_direct_once_the_channel_is_open() {
        signIn(alice, "alice");
        signIn(bob, "bob");
        run(() -> alice.mainViewModel().open(ChatKey.user(bobId), "Bob 王"));
        run(() -> bob.mainViewModel().open(ChatKey.user(aliceId), "Alice"));
        typeAndEnter(alice, "hello over the bridge 鹊桥");
        await().atMost(WAIT).until(() -> labelText(alice, "#pathMark").equals("Direct"));
        await().atMost(WAIT).until(() -> labelText(bob, "#pathMark").equals("Direct"));
    }

    @Test
    @Order(2)
    void a_file_is_offered_accepted_into_the_download_folder_from_the_settings_and_saved() throws Exception {
        Path downloads = tmp.resolve("bob-downloads 下载");
        click(node(robot, bob, "#settingsButton"));
        TextField folder = dialogNode("#downloadFolderField");
        run(() -> folder.setText(downloads.toString()));
        click(dialogNode("#settingsOk"));
        await().atMost(WAIT).until(() -> fx(() -> bob.settings().downloadDir()).equals(downloads));

        Path file = tmp.resolve("notes 笔记.txt");
        Files.write(file, new byte[3 * 1024 * 1024 + 17]);
        Set<FileTransfer.State> aliceSaw = watch(alice, "notes 笔记.txt");
        Set<FileTransfer.State> bobSaw = watch(bob, "notes 笔记.txt");
        run(() -> chatView(alice).sendFiles(List.of(file.toFile())));

        FileTransfer offered = await().atMost(WAIT).until(() -> file(bob, "notes 笔记.txt"),
                f -> f.isPresent() && f.get().state() == FileTransfer.State.OFFERED).orElseThrow();
        assertThat(offered.size()).isEqualTo(Files.size(file));
        click(node(robot, bob, "#accept-file-" + offered.fileId()));
        FileTransfer received = await().atMost(WAIT).until(() -> file(bob, "notes 笔记.txt"),
                f -> f.isPresent() && f.get().state() == FileTransfer.State.RECEIVED).orElseThrow();
        assertThat(received.localFile().getParent()).isEqualTo(downloads);
        assertThat(Files.mismatch(received.localFile(), file)).isEqualTo(-1);
        await().atMost(WAIT).until(() -> file(alice, "notes 笔记.txt").map(FileTransfer::state).orElse(null)
                == FileTransfer.State.ACCEPTED);
        assertThat(labelText(alice, "#file-state-" + file(alice, "notes 笔记.txt").orElseThrow().key()))
                .isEqualTo("Received by your friend");
        // progress was shown on both sides
        assertThat(aliceSaw).contains(FileTransfer.State.UPLOADING);
        assertThat(bobSaw).contains(FileTransfer.State.DOWNLOADING);
    }

    @Test
    @Order(3)
    void a_declined_file_says_so_on_both_sides() throws Exception {
        Path file = tmp.resolve("unwanted.bin");
        Files.write(file, new byte[4096]);
        run(() -> chatView(alice).sendFiles(List.of(file.toFile())));
        FileTransfer offered = await().atMost(WAIT).until(() -> file(bob, "unwanted.bin"),
                f -> f.isPresent() && f.get().state() == FileTransfer.State.OFFERED).orElseThrow();
        click(node(robot, bob, "#decline-file-" + offered.fileId()));
        await().atMost(WAIT).until(() -> file(bob, "unwanted.bin").map(FileTransfer::state).orElse(null)
                == FileTransfer.State.DECLINED);
        await().atMost(WAIT).until(() -> file(alice, "unwanted.bin").map(FileTransfer::state).orElse(null)
                == FileTransfer.State.DECLINED);
        assertThat(labelText(bob, "#file-state-" + file(bob, "unwanted.bin").orElseThrow().key())).isEqualTo("Declined");
    }

    @Test
    @Order(4)
    void a_pasted_image_is_sent_shown_inline_and_opens_full_size() {
        run(() -> {
            WritableImage image = new WritableImage(320, 200);
            for (int y = 0; y < 200; y++) {
                for (int x = 0; x < 320; x++) {
                    image.getPixelWriter().setColor(x, y, Color.hsb(x, 0.6, 0.9));
                }
            }
            ClipboardContent content = new ClipboardContent();
            content.putImage(image);
            Clipboard.getSystemClipboard().setContent(content);
        });
        TextArea input = node(robot, alice, "#messageInput");
        click(input);
        robot.press(KeyCode.CONTROL).press(KeyCode.V).release(KeyCode.V).release(KeyCode.CONTROL);

        FileTransfer mine = await().atMost(WAIT).until(() -> imageFile(alice), Optional::isPresent).orElseThrow();
        assertThat(mine.name()).startsWith("pasted-").endsWith(".png");
        assertThat(DesktopFixture.<String>fx(input::getText)).isEmpty();
        // bob's client fetches small images by itself and shows the thumbnail
        FileTransfer shown = await().atMost(WAIT).until(() -> imageFile(bob),
                f -> f.isPresent() && f.get().state() == FileTransfer.State.RECEIVED).orElseThrow();
        ImageView thumb = node(robot, bob, "#thumb-" + shown.key());
        // the click is fired at the thumbnail itself: a robot's click at its position races the
        // chat's scrolling to its end while rows settle
        run(() -> thumb.fireEvent(new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_CLICKED,
                0, 0, 0, 0, MouseButton.PRIMARY, 1, false, false, false, false, true, false, false, true, false, true,
                null)));
        ImageView full = await().atMost(WAIT).until(() -> fx(() -> this.<ImageView>windowLookup("#fullImage")),
                Optional::isPresent).orElseThrow();
        await().atMost(WAIT).until(() -> fx(() -> full.getImage().getProgress() == 1.0 && full.getImage().getWidth() == 320));
        run(() -> full.getScene().getWindow().requestFocus());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        await().atMost(WAIT).until(() -> fx(() -> !full.getScene().getWindow().isShowing()));
    }

    @Test
    @Order(5)
    void a_group_shows_its_announcement_takes_a_relayed_photo_suggests_members_after_at_and_marks_the_mention()
            throws Exception {
        click(node(robot, alice, "#createGroupOpen"));
        TextField name = dialogNode("#groupNameField");
        TextField announcement = dialogNode("#groupAnnouncementField");
        run(() -> {
            name.setText("爬山群");
            announcement.setText("周六早上八点出发 ⛰");
        });
        click(dialogNode("#invite-bob"));
        click(dialogNode("#createGroupButton"));
        await().atMost(WAIT).until(() -> fx(() -> alice.mainViewModel().groups().size()) == 1);
        long groupId = fx(() -> alice.mainViewModel().groups().get(0).groupId());
        run(() -> bob.mainView().tabs().getSelectionModel().select(3));
        click(node(robot, bob, "#accept-group-" + groupId));
        await().atMost(WAIT).until(() -> fx(() -> bob.mainViewModel().groups().size()) == 1);

        run(() -> bob.mainViewModel().open(ChatKey.group(groupId), "爬山群"));
        await().atMost(WAIT).until(() -> labelText(bob, "#announcement").equals("周六早上八点出发 ⛰"));

        // a photo to the group goes through the server's relay: with the sender's thumbnail, fetched
        // by bob's client by itself, and alice hears that it was taken
        run(() -> alice.mainViewModel().open(ChatKey.group(groupId), "爬山群"));
        Path photo = tmp.resolve("山顶.png");
        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(300, 200,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 300; x++) {
            for (int y = 0; y < 200; y++) {
                picture.setRGB(x, y, (x * 255 / 300) << 16 | (y * 255 / 200) << 8 | 0x80);
            }
        }
        javax.imageio.ImageIO.write(picture, "png", photo.toFile());
        run(() -> chatView(alice).sendFiles(List.of(photo.toFile())));
        FileTransfer atBob = await().atMost(WAIT).until(() -> file(bob, "山顶.png"),
                f -> f.isPresent() && f.get().state() == FileTransfer.State.RECEIVED).orElseThrow();
        assertThat(atBob.hasThumbnail()).isTrue();
        assertThat(atBob.chat()).isEqualTo(ChatKey.group(groupId));
        node(robot, bob, "#thumb-" + atBob.key());
        await().atMost(WAIT).until(() -> file(alice, "山顶.png").map(FileTransfer::state).orElse(null)
                == FileTransfer.State.ACCEPTED);
        run(() -> bob.mainViewModel().open(ChatKey.user(aliceId), "Alice")); // away from the group

        run(() -> alice.mainViewModel().open(ChatKey.group(groupId), "爬山群"));
        await().atMost(WAIT).until(() -> fx(() -> alice.mainViewModel().openChatProperty().get().members().size()) == 2);
        TextArea input = node(robot, alice, "#messageInput");
        click(input);
        run(() -> {
            input.setText("去吗 @b");
            input.positionCaret(input.getLength());
        });
        ListView<?> suggestions = node(robot, alice, "#mentionSuggestions");
        await().atMost(WAIT).until(() -> fx(() -> suggestions.isVisible() && suggestions.getItems().size() == 1));
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER); // takes the suggestion, does not send
        await().atMost(WAIT).until(() -> DesktopFixture.<String>fx(input::getText).equals("去吗 @Bob 王 "));
        assertThat(fx(suggestions::isVisible)).isFalse();
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER); // sends

        run(() -> bob.mainView().tabs().getSelectionModel().select(0));
        Label mark = node(robot, bob, "#mention-group-" + groupId);
        assertThat(DesktopFixture.<String>fx(mark::getText)).isEqualTo("[You were mentioned]");
    }

    @Test
    @Order(6)
    void a_message_while_the_window_is_unfocused_counts_in_the_title_chimes_and_pops_a_toast() {
        // alice looks at the group; her window loses the focus. Monocle's window manager never reports
        // a lost focus (only a gained one), so the test tells the stage as the platform's peer would.
        int chimes = fx(alice::chimesRequested);
        run(() -> com.sun.javafx.stage.WindowHelper.setFocused(alice.stage(), false));
        typeAndEnter(bob, "are you there? 在吗");
        await().atMost(WAIT).until(() -> fx(() -> alice.stage().getTitle()).equals("(1) Magpie - Alice"));
        Label toast = await().atMost(WAIT).until(() -> fx(() -> this.<Label>windowLookup(".toast-title")),
                Optional::isPresent).orElseThrow();
        assertThat(DesktopFixture.<String>fx(toast::getText)).isEqualTo("Bob 王");
        assertThat(fx(alice::chimesRequested)).isEqualTo(chimes + 1);
        run(() -> com.sun.javafx.stage.WindowHelper.setFocused(alice.stage(), true));
        await().atMost(WAIT).until(() -> fx(() -> alice.stage().getTitle()).equals("Magpie - Alice"));
    }

    @Test
    @Order(7)
    void older_messages_load_when_the_chat_is_scrolled_to_the_top() {
        for (int i = 0; i < 70; i++) {
            bob.session().gateway().send(ChatKey.user(aliceId), "older " + i);
        }
        run(() -> alice.mainViewModel().open(ChatKey.user(bobId), "Bob 王"));
        await().atMost(WAIT).until(() -> texts(alice).contains("older 69"));
        assertThat(texts(alice)).doesNotContain("older 0");
        ListView<?> list = node(robot, alice, "#messageList");
        await().atMost(WAIT).until(() -> fx(() -> {
            for (Node n : list.lookupAll(".scroll-bar")) {
                if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL && bar.isVisible()) {
                    bar.setValue(bar.getMin());
                }
            }
            return texts(alice).contains("older 0");
        }));
    }

    @Test
    @Order(8)
    void keyboard_ctrl_f_searches_the_conversation_escape_returns_ctrl_digits_pick_tabs_and_escape_closes_dialogs() {
        TextArea input = node(robot, alice, "#messageInput");
        click(input);
        robot.press(KeyCode.CONTROL).press(KeyCode.F).release(KeyCode.F).release(KeyCode.CONTROL);
        TextField search = node(robot, alice, "#chatSearch");
        await().atMost(WAIT).until(() -> fx(search::isFocused));
        robot.write("older 42");
        await().atMost(WAIT).until(() -> fx(() -> alice.mainViewModel().openChatProperty().get().searchHits().stream()
                .anyMatch(m -> m.text().equals("older 42"))));
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        await().atMost(WAIT).until(() -> fx(() -> search.getText().isEmpty() && input.isFocused()));

        // Ctrl+4 shows the notices, Ctrl+1 the chats; Esc closes a dialog
        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT4).release(KeyCode.DIGIT4).release(KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> fx(() -> alice.mainView().tabs().getSelectionModel().getSelectedIndex()) == 3);
        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT1).release(KeyCode.DIGIT1).release(KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> fx(() -> alice.mainView().tabs().getSelectionModel().getSelectedIndex()) == 0);
        click(node(robot, alice, "#settingsButton"));
        TextField folder = dialogNode("#downloadFolderField");
        Window dialog = fx(() -> folder.getScene().getWindow());
        run(dialog::requestFocus);
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        await().atMost(WAIT).until(() -> fx(() -> !dialog.isShowing()));
    }

    // ------------------------------------------------------------------ helpers

    private void signIn(DesktopWindow w, String user) {
        TextField name = node(robot, w, "#usernameField");
        TextField secret = node(robot, w, "#passwordField");
        run(() -> {
            name.setText(user);
            secret.setText(PASSWORD);
        });
        click(node(robot, w, "#loginButton"));
        await().atMost(WAIT).until(() -> fx(() -> w.loggedInProperty().get()));
    }

    private static ChatView chatView(DesktopWindow w) {
        return fx(() -> {
            ChatViewModel open = w.mainViewModel().openChatProperty().get();
            return w.mainView().chatViews().stream().filter(v -> v.viewModel() == open).findFirst().orElseThrow();
        });
    }

    private static Optional<FileTransfer> file(DesktopWindow w, String name) {
        return fx(() -> w.session().files().all().stream().filter(f -> f.name().equals(name)).reduce((a, b) -> b));
    }

    private static Optional<FileTransfer> imageFile(DesktopWindow w) {
        return fx(() -> w.session().files().all().stream().filter(FileTransfer::image).reduce((a, b) -> b));
    }

    /** Every state the named file passes through in this window, from now on. */
    private static Set<FileTransfer.State> watch(DesktopWindow w, String name) {
        Set<FileTransfer.State> seen = ConcurrentHashMap.newKeySet();
        run(() -> w.session().files().addListener(chat -> w.session().files().all().stream()
                .filter(f -> f.name().equals(name)).forEach(f -> seen.add(f.state()))));
        return seen;
    }

    private static List<String> texts(DesktopWindow w) {
        return fx(() -> {
            ChatViewModel chat = w.mainViewModel().openChatProperty().get();
            return chat.items().stream().filter(i -> i instanceof ChatItem.Bubble)
                    .map(i -> ((ChatItem.Bubble) i).message().text()).toList();
        });
    }

    private void typeAndEnter(DesktopWindow w, String text) {
        TextArea input = node(robot, w, "#messageInput");
        run(() -> input.setText(text));
        click(input);
        run(() -> input.positionCaret(input.getLength()));
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
    }

    private String labelText(DesktopWindow w, String id) {
        Label label = node(robot, w, id);
        return fx(label::getText);
    }

    private void click(Node node) {
        run(() -> node.getScene().getWindow().requestFocus());
        Point2D p = fx(() -> {
            Bounds b = node.localToScreen(node.getBoundsInLocal());
            return new Point2D(b.getCenterX(), b.getCenterY());
        });
        robot.clickOn(p, MouseButton.PRIMARY);
    }

    private <T extends Node> T dialogNode(String id) {
        return await().atMost(WAIT).until(() -> fx(() -> this.<T>windowLookup(id)), Optional::isPresent).orElseThrow();
    }

    /** A node in any window but the two main ones (dialogs, the image viewer, popups). */
    private <T extends Node> Optional<T> windowLookup(String id) {
        for (Window window : Window.getWindows()) {
            if (window != alice.stage() && window != bob.stage() && window.getScene() != null && window.isShowing()) {
                Optional<T> found = robot.from(window.getScene().getRoot()).lookup(id).tryQuery();
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
