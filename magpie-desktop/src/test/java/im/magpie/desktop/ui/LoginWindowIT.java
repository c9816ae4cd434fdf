package im.magpie.desktop.ui;

import static im.magpie.desktop.ui.DesktopFixture.WAIT;
import static im.magpie.desktop.ui.DesktopFixture.fx;
import static im.magpie.desktop.ui.DesktopFixture.node;
import static im.magpie.desktop.ui.DesktopFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.magpie.client.KnownServers;
import im.magpie.client.Messenger;
import im.magpie.client.profile.AccountStore;
import im.magpie.desktop.model.ConnectionState;
import im.magpie.desktop.model.LanServers;
import im.magpie.server.discovery.DiscoverySettings;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.ComboBox;
import im.magpie.desktop.MagpieDesktop;
import im.magpie.desktop.model.DesktopSettings;
import im.magpie.desktop.model.SettingsStore;
import im.magpie.desktop.view.DesktopWindow;
import im.magpie.server.account.AccountSettings;
import im.magpie.testkit.TcpProxy;
import im.magpie.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The login window against a real TLS server: each failure explained in the window (wrong
 * password, rate limited with the wait, unreachable, a changed certificate with both fingerprints
 * and re-trust), and automatic login with the kept session.
 */
class LoginWindowIT {
    private static final String PASSWORD = "secret-password-1";
    @TempDir
    static Path tmp;
    static TestServer server;
    static TcpProxy proxy;
    static ExecutorService io;
    static final AtomicInteger profiles = new AtomicInteger();
    final FxRobot robot = new FxRobot();
    DesktopWindow window;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.builder().tls(true).dataDir(tmp.resolve("server-a"))
                .set(AccountSettings.LOGIN_FAILURES_PER_ACCOUNT, 2).start();
        proxy = new TcpProxy(server.port());
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> Application.setUserAgentStylesheet(MagpieDesktop.THEME));
        io = MagpieDesktop.ioThreads();
        for (String user : new String[] {"carol", "dave", "erin", "frank"}) {
            register(user, proxy.port());
        }
    }

    @AfterAll
    static void stop() {
        io.shutdown();
        proxy.close();
        server.close();
    }

    @AfterEach
    void closeWindow() {
        if (window != null) {
            run(() -> window.stage().close());
        }
    }

    @Test
    void a_wrong_password_is_said_in_the_window_and_then_the_wait_when_rate_limited() throws Exception {
        window = open(newProfile(), proxy.port(), true);
        signIn("carol", "wrong-password");
        await().atMost(WAIT).until(() -> error().equals("Wrong username or password."));
        assertThat(fx(() -> window.loggedInProperty().get())).isFalse();
        await().atMost(WAIT).until(() -> {
            signIn("carol", "wrong-password");
            await().atMost(WAIT).until(() -> fx(() -> !((Node) window.stage().getScene().lookup("#loginButton")).isDisabled()));
            return error().matches("Too many attempts\\. Please wait [1-9][0-9]* seconds\\.");
        });
    }

    @Test
    void an_unreachable_server_is_said_in_the_window() throws Exception {
        proxy.refuse(true);
        try {
            window = open(newProfile(), proxy.port(), true);
            signIn("dave", PASSWORD);
            await().atMost(WAIT).until(() -> error().startsWith("The server cannot be reached."));
        } finally {
            proxy.refuse(false);
        }
    }

    @Test
    void a_changed_certificate_shows_both_fingerprints_and_can_be_trusted_again() throws Exception {
        Path profile = newProfile();
        window = open(profile, proxy.port(), true);
        signIn("dave", PASSWORD);
        await().atMost(WAIT).until(() -> fx(() -> window.loggedInProperty().get()));
        run(() -> window.stage().close());

        // another server (another certificate) behind the same address, where dave also exists
        try (TestServer other = TestServer.builder().tls(true).dataDir(tmp.resolve("server-b")).start()) {
            register("dave", other.port());
            proxy.target(other.port());
            window = open(profile, proxy.port(), true);
            signIn("dave", PASSWORD);
            await().atMost(WAIT).until(() -> error().startsWith("The server's certificate has CHANGED."));
            assertThat(error()).containsPattern("Pinned: \\S+\\nPresented: \\S+");
            String[] lines = error().split("\\n");
            assertThat(lines[1].substring(8)).isNotEqualTo(lines[2].substring(11));
            click(node(robot, window, "#retrustButton"));
            await().atMost(WAIT).until(() -> fx(() -> window.loggedInProperty().get()));
        } finally {
            proxy.target(server.port());
        }
    }

    @Test
    void remember_me_with_automatic_login_signs_in_at_the_next_start_without_the_password() throws Exception {
        Path profile = newProfile();
        window = open(profile, proxy.port(), true);
        CheckBox auto = node(robot, window, "#autoLoginBox");
        run(() -> auto.setSelected(true));
        signIn("erin", PASSWORD);
        await().atMost(WAIT).until(() -> fx(() -> window.loggedInProperty().get()));
        run(() -> window.stage().close());
        await().atMost(WAIT).until(() -> new SettingsStore(profile).load().autoLogin());

        DesktopSettings saved = new SettingsStore(profile).load();
        window = fx(() -> {
            DesktopWindow w = new DesktopWindow(new Stage(), profile, saved, io, Platform::runLater);
            w.showLogin();
            return w;
        });
        await().atMost(WAIT).until(() -> fx(() -> window.loggedInProperty().get()));
        assertThat(fx(() -> window.session().selfProperty().get().username())).isEqualTo("erin");
    }

    @Test
    void with_remember_me_off_the_profile_keeps_no_session_not_even_after_a_reconnect() throws Exception {
        Path profile = newProfile();
        window = open(profile, proxy.port(), true);
        CheckBox remember = node(robot, window, "#rememberBox");
        run(() -> remember.setSelected(false));
        signIn("frank", PASSWORD);
        await().atMost(WAIT).until(() -> fx(() -> window.loggedInProperty().get()));
        String serverKey = KnownServers.key("127.0.0.1", proxy.port());
        assertThat(new AccountStore(profile).find(serverKey, "frank")).isEmpty();

        int connections = proxy.accepted();
        proxy.cut(); // the session reconnects with the token it holds in memory
        await().atMost(WAIT).until(() -> proxy.accepted() > connections && fx(() ->
                window.session().connectionProperty().get().phase() == ConnectionState.Phase.ONLINE));
        assertThat(new AccountStore(profile).find(serverKey, "frank")).isEmpty();
        assertThat(new SettingsStore(profile).load().remember()).isFalse();
    }

    @Test
    void servers_found_on_the_lan_are_offered_in_the_server_drop_down_and_picking_one_fills_the_address()
            throws Exception {
        try (TestServer lanServer = TestServer.builder().tls(true).dataDir(tmp.resolve("server-lan"))
                .set(DiscoverySettings.ENABLED, true).set(DiscoverySettings.PORT, 0).start()) {
            int udp = lanServer.server().discoveryPort().orElseThrow();
            List<String> askedOn = new CopyOnWriteArrayList<>();
            LanServers responder = LanServers.at("127.0.0.1", udp);
            LanServers lan = () -> {
                askedOn.add(Thread.currentThread().getName());
                return responder.find();
            };
            window = fx(() -> {
                DesktopSettings settings = DesktopSettings.defaults().withLogin("typed.example:1", false, "", true, false)
                        .withLanguage("en");
                DesktopWindow w = new DesktopWindow(new Stage(), newProfile(), settings, io, Platform::runLater, lan);
                w.showLogin();
                return w;
            });
            ComboBox<String> box = node(robot, window, "#serverField");
            String address = "127.0.0.1:" + lanServer.port();
            await().atMost(WAIT).until(() -> fx(() -> box.getItems().contains(address)));
            assertThat(askedOn).isNotEmpty().noneMatch(name -> name.contains("JavaFX"));
            assertThat(fx(() -> box.getEditor().getText())).as("what was typed stays").isEqualTo("typed.example:1");

            run(() -> box.getSelectionModel().select(address));
            CheckBox tls = node(robot, window, "#tlsBox");
            await().atMost(WAIT).until(() -> fx(() -> box.getEditor().getText().equals(address) && tls.isSelected()));
            signIn("carol", PASSWORD);
            await().atMost(WAIT).until(() -> error().equals("Wrong username or password.")); // asked that server
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void register(String user, int port) {
        try (Messenger m = Messenger.builder().server("127.0.0.1", port).tls(true)
                .profileDir(tmp.resolve("setup-" + port)).build()) {
            m.register(user, PASSWORD, user).join();
        }
    }

    private static Path newProfile() throws Exception {
        return Files.createDirectories(tmp.resolve("profile-" + profiles.incrementAndGet()));
    }

    private static DesktopWindow open(Path profile, int port, boolean tls) {
        return fx(() -> {
            Stage stage = new Stage();
            DesktopSettings settings = DesktopSettings.defaults().withLogin("127.0.0.1:" + port, tls, "", true, false)
                    .withLanguage("en");
            DesktopWindow w = new DesktopWindow(stage, profile, settings, io, Platform::runLater, List::of);
            w.showLogin();
            return w;
        });
    }

    private void signIn(String user, String password) {
        TextField name = node(robot, window, "#usernameField");
        TextField secret = node(robot, window, "#passwordField");
        run(() -> {
            name.setText(user);
            secret.setText(password);
        });
        click(node(robot, window, "#loginButton"));
    }

    private String error() {
        Label label = node(robot, window, "#loginError");
        return fx(() -> label.isVisible() ? label.getText() : "");
    }

    private void click(Node node) {
        run(() -> node.getScene().getWindow().requestFocus());
        Point2D p = fx(() -> {
            Bounds b = node.localToScreen(node.getBoundsInLocal());
            return new Point2D(b.getCenterX(), b.getCenterY());
        });
        robot.clickOn(p, MouseButton.PRIMARY);
    }
}
