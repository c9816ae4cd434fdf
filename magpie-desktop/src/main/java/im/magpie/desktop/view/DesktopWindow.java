package im.magpie.desktop.view;

import im.magpie.desktop.model.ChatMessage;
import im.magpie.desktop.model.DesktopEvent;
import im.magpie.desktop.model.DesktopSettings;
import im.magpie.desktop.model.LanServers;
import im.magpie.desktop.model.LoginViewModel;
import im.magpie.desktop.model.MainViewModel;
import im.magpie.desktop.model.Session;
import im.magpie.desktop.model.SettingsStore;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * One desktop window for one profile directory: the login form, then the main window. The title
 * carries the unread count while the window is not focused, and messages from others pop up a
 * short notification in the corner then.
 */
public final class DesktopWindow {
    public static final String STYLESHEET = Objects.requireNonNull(
            DesktopWindow.class.getResource("/im/magpie/desktop/desktop.css")).toExternalForm();

    private final Stage stage;
    private final Path profileDir;
    private final Executor io;
    private final Executor ui;
    private final SettingsStore settingsStore;
    private DesktopSettings settings;
    private final I18n i18n;
    private Session session;
    private MainViewModel main;
    private MainView mainView;
    private LoginView loginView;
    private LoginViewModel loginVm;
    private Notifications notifications;
    private final javafx.beans.property.BooleanProperty loggedIn = new javafx.beans.property.SimpleBooleanProperty();

    private final LanServers lan;

    public DesktopWindow(Stage stage, Path profileDir, DesktopSettings settings, Executor io, Executor ui) {
        this(stage, profileDir, settings, io, ui, LanServers.onDefaultPort());
    }

    /** {@code lan} finds the servers the login window offers (tests ask one responder on loopback). */
    public DesktopWindow(Stage stage, Path profileDir, DesktopSettings settings, Executor io, Executor ui,
                         LanServers lan) {
        this.lan = lan;
        this.stage = stage;
        this.profileDir = profileDir;
        this.io = io;
        this.ui = ui;
        this.settingsStore = new SettingsStore(profileDir);
        this.settings = settings;
        this.i18n = new I18n(settings.locale());
        i18n.bundleProperty().addListener((o, a, b) -> {
            this.settings = this.settings.withLanguage(i18n.locale().getLanguage().equals("zh") ? "zh-CN" : "en");
            DesktopSettings s = this.settings;
            io.execute(() -> settingsStore.save(s));
        });
        stage.setOnHidden(e -> close());
    }

    /** Shows the login form (and starts the automatic login when the last session was kept). */
    public void showLogin() {
        LoginViewModel vm = new LoginViewModel(profileDir, settings, io, ui, lan);
        loginVm = vm;
        loginView = new LoginView(vm, i18n, this::loggedIn);
        stage.titleProperty().bind(i18n.text("login.windowTitle"));
        setScene(loginView, 440, 600);
        stage.show();
        loginView.autoLoginIfKept();
    }

    private void loggedIn(Session s) {
        this.session = s;
        settings = loginVm.settings().withLanguage(settings.language()); // the server and account just used
        s.downloadDirProperty().set(settings.downloadDir());
        main = new MainViewModel(s);
        mainView = new MainView(main, i18n);
        mainView.onSettings(() -> SettingsDialog.show(stage, i18n, settings, settingsStore, io, next -> {
            settings = next;
            s.downloadDirProperty().set(next.downloadDir());
        }));
        notifications = new Notifications(stage, io);
        stage.titleProperty().bind(Bindings.createStringBinding(() -> {
            String base = i18n.get("main.windowTitle", s.selfProperty().get().displayName());
            int unread = main.totalUnreadProperty().get();
            return !stage.isFocused() && unread > 0 ? "(" + unread + ") " + base : base;
        }, i18n.bundleProperty(), s.selfProperty(), main.totalUnreadProperty(), stage.focusedProperty()));
        s.addListener(e -> {
            if (e instanceof DesktopEvent.Arrived a) {
                ChatMessage last = a.messages().get(a.messages().size() - 1);
                notifications.messageArrived(main.titleOf(last.chat()), last, settings.notifications(), settings.sounds());
            }
        });
        setScene(mainView, 1080, 720);
        main.start();
        loggedIn.set(true);
    }

    /** True once the main window shows. */
    public javafx.beans.property.ReadOnlyBooleanProperty loggedInProperty() {
        return loggedIn;
    }

    private void setScene(Parent root, double width, double height) {
        if (stage.getScene() == null) {
            Scene scene = new Scene(root, width, height);
            scene.getStylesheets().add(STYLESHEET);
            stage.setScene(scene);
        } else {
            stage.getScene().setRoot(root);
            stage.setWidth(width);
            stage.setHeight(height);
        }
        stage.setMinWidth(400);
        stage.setMinHeight(480);
    }

    public Stage stage() {
        return stage;
    }

    public I18n i18n() {
        return i18n;
    }

    /** The main view once logged in, else null (for tests and screenshots). */
    public MainView mainView() {
        return mainView;
    }

    public MainViewModel mainViewModel() {
        return main;
    }

    public Session session() {
        return session;
    }

    /** How many notification chimes were asked for (tests). */
    public int chimesRequested() {
        return notifications == null ? 0 : notifications.chimesRequested();
    }

    public DesktopSettings settings() {
        return settings;
    }

    /** Logs the session off the network and closes its history (off the FX thread). */
    public void close() {
        if (notifications != null) {
            notifications.close();
        }
        Session s = session;
        session = null;
        if (s != null) {
            io.execute(s::close);
        }
    }
}
