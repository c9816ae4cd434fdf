package im.magpie.desktop.model;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The login / register window: what is typed, whether an attempt is running, and why the last one
 * failed. A successful attempt hands the logged-in {@link Session} on; a failed one closes it (a
 * session logs in once).
 */
public final class LoginViewModel {
    private final Path profileDir;
    private final Executor io;
    private final Executor ui;
    private final SettingsStore settingsStore;
    private DesktopSettings settings;

    private final StringProperty server = new SimpleStringProperty();
    private final BooleanProperty tls = new SimpleBooleanProperty();
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty nickname = new SimpleStringProperty("");
    private final BooleanProperty registering = new SimpleBooleanProperty();
    private final BooleanProperty remember = new SimpleBooleanProperty();
    private final BooleanProperty autoLogin = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<Failure> failure = new SimpleObjectProperty<>();
    private Session attempt;
    private final LanServers lan;
    private final javafx.collections.ObservableList<LanServers.Found> found =
            javafx.collections.FXCollections.observableArrayList();
    private final BooleanProperty searching = new SimpleBooleanProperty();

    public LoginViewModel(Path profileDir, DesktopSettings settings, Executor io, Executor ui) {
        this(profileDir, settings, io, ui, LanServers.onDefaultPort());
    }

    public LoginViewModel(Path profileDir, DesktopSettings settings, Executor io, Executor ui, LanServers lan) {
        this.lan = lan;
        this.profileDir = profileDir;
        this.io = io;
        this.ui = ui;
        this.settingsStore = new SettingsStore(profileDir);
        this.settings = settings;
        server.set(settings.server());
        tls.set(settings.tls());
        username.set(settings.username());
        remember.set(settings.remember());
        autoLogin.set(settings.autoLogin());
    }

    /**
     * Looks for servers on the local network on the I/O thread (about a second) and lists them in
     * {@link #lanServers()}; a search already running is not started again.
     */
    public void discover() {
        if (searching.get()) {
            return;
        }
        searching.set(true);
        io.execute(() -> {
            List<LanServers.Found> list;
            try {
                list = lan.find();
            } catch (java.io.IOException | RuntimeException e) {
                list = List.of(); // no network to ask: the field still takes a typed address
            }
            List<LanServers.Found> result = list;
            ui.execute(() -> {
                found.setAll(result);
                searching.set(false);
            });
        });
    }

    /** Picks a server found on the network: its address, and TLS as it says. */
    public void pick(LanServers.Found server) {
        this.server.set(server.address());
        tls.set(server.tls());
    }

    /** Whether the last session was kept and is to be resumed without asking. */
    public boolean shouldAutoLogin() {
        return settings.autoLogin() && !settings.username().isBlank()
                && MessengerGateway.hasSavedSession(profileDir, ServerAddress.parse(settings.server(), settings.tls()),
                settings.username());
    }

    /** Logs in (or registers) with what is typed. */
    public void submit(Consumer<Session> onLoggedIn) {
        start(s -> {
            if (registering.get()) {
                s.register(username.get().strip(), password.get(), nickname.get().strip(), me -> done(s, onLoggedIn), this::failed);
            } else {
                s.login(username.get().strip(), password.get(), me -> done(s, onLoggedIn), this::failed);
            }
        });
    }

    /** Logs in with the kept session (automatic login). */
    public void resume(Consumer<Session> onLoggedIn) {
        start(s -> s.resume(username.get().strip(), me -> done(s, onLoggedIn), this::failed));
    }

    /** After a certificate change the user accepted: forget the old pin and try again. */
    public void retrustAndSubmit(Consumer<Session> onLoggedIn) {
        ServerAddress address = ServerAddress.parse(server.get(), tls.get());
        io.execute(() -> {
            MessengerGateway.forgetCertificate(profileDir, address);
            ui.execute(() -> submit(onLoggedIn));
        });
    }

    /** Gives up a running attempt (e.g. an automatic login while the server is down). */
    public void cancel() {
        Session s = attempt;
        attempt = null;
        busy.set(false);
        if (s != null) {
            io.execute(s::close);
        }
    }

    private void start(Consumer<Session> how) {
        if (busy.get()) {
            return;
        }
        ServerAddress address;
        try {
            address = ServerAddress.parse(server.get(), tls.get());
        } catch (IllegalArgumentException e) {
            failure.set(Failure.of(Failure.Kind.INVALID_INPUT, e.getMessage()));
            return;
        }
        if (username.get().isBlank()) {
            failure.set(Failure.of(Failure.Kind.INVALID_INPUT, "username"));
            return;
        }
        failure.set(null);
        busy.set(true);
        Session s = new Session(address, profileDir, SessionOptions.of(settings, remember.get(), profileDir), io, ui);
        attempt = s;
        how.accept(s);
    }

    private void done(Session s, Consumer<Session> onLoggedIn) {
        if (attempt != s) {
            io.execute(s::close); // cancelled meanwhile
            return;
        }
        attempt = null;
        busy.set(false);
        password.set("");
        settings = settings.withLogin(server.get().strip(), tls.get(), username.get().strip(), remember.get(), autoLogin.get());
        DesktopSettings toSave = settings;
        // "remember me" off: the session was built not to keep its token (SessionOptions), so the
        // profile forgets it at this login and at every reconnect's
        io.execute(() -> settingsStore.save(toSave));
        onLoggedIn.accept(s);
    }

    private void failed(Failure f) {
        Session s = attempt;
        attempt = null;
        busy.set(false);
        failure.set(f);
        if (s != null) {
            io.execute(s::close);
        }
    }

    public DesktopSettings settings() {
        return settings;
    }

    public StringProperty serverProperty() { return server; }
    public javafx.collections.ObservableList<LanServers.Found> lanServers() { return found; }
    public BooleanProperty searchingProperty() { return searching; }
    public BooleanProperty tlsProperty() { return tls; }
    public StringProperty usernameProperty() { return username; }
    public StringProperty passwordProperty() { return password; }
    public StringProperty nicknameProperty() { return nickname; }
    public BooleanProperty registeringProperty() { return registering; }
    public BooleanProperty rememberProperty() { return remember; }
    public BooleanProperty autoLoginProperty() { return autoLogin; }
    public BooleanProperty busyProperty() { return busy; }
    public ObjectProperty<Failure> failureProperty() { return failure; }
}
