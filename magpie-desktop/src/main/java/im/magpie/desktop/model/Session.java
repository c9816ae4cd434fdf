package im.magpie.desktop.model;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * A logged-in account as the windows see it: the gateway, the connection state, one's own
 * profile, and the two threads every view model uses: {@code io} for the library (network and
 * the local database) and {@code ui} for properties (the FX thread, {@code Platform::runLater}).
 * Library events are handed to the listeners on the UI thread.
 */
public final class Session implements AutoCloseable {
    private final MessengerGateway gateway;
    private final Executor io;
    private final Executor ui;
    private final ObjectProperty<ConnectionState> connection =
            new SimpleObjectProperty<>(new ConnectionState(ConnectionState.Phase.CONNECTING, 0, null));
    private final ObjectProperty<SelfProfile> self = new SimpleObjectProperty<>();
    private final List<Consumer<DesktopEvent>> listeners = new CopyOnWriteArrayList<>();
    private final FileBoard files = new FileBoard();
    private final ObjectProperty<Path> downloadDir =
            new SimpleObjectProperty<>(DesktopSettings.defaults().downloadDir());

    /** A session that is not logged in yet: call {@link #login}, {@link #register} or {@link #resume}. */
    public Session(ServerAddress server, Path profileDir, SessionOptions options, Executor io, Executor ui) {
        this.io = io;
        this.ui = ui;
        this.gateway = new MessengerGateway(server, profileDir, options, this::publish);
    }

    /** Logs in with a password; {@code then} runs on the UI thread with one's profile set. */
    public void login(String username, String password, Consumer<SelfProfile> then, Consumer<Failure> failed) {
        request(() -> gateway.login(username, password), me -> loggedIn(me, then), failed);
    }

    public void register(String username, String password, String nickname, Consumer<SelfProfile> then,
                         Consumer<Failure> failed) {
        request(() -> gateway.register(username, password, nickname), me -> loggedIn(me, then), failed);
    }

    /** Logs in with the resume token stored at the last login (remember me). */
    public void resume(String username, Consumer<SelfProfile> then, Consumer<Failure> failed) {
        request(() -> gateway.resume(username), me -> loggedIn(me, then), failed);
    }

    private void loggedIn(SelfProfile me, Consumer<SelfProfile> then) {
        self.set(me);
        connection.set(new ConnectionState(ConnectionState.Phase.ONLINE, 0, null));
        then.accept(me);
    }

    /** Hands a library event (any thread) to the listeners on the UI thread. */
    public void publish(DesktopEvent event) {
        ui.execute(() -> {
            if (event instanceof DesktopEvent.Connection c) {
                connection.set(c.state());
            } else if (event instanceof DesktopEvent.SelfChanged c) {
                self.set(c.profile());
            } else {
                fileEvent(event);
            }
            listeners.forEach(l -> l.accept(event));
        });
    }

    /** The library's file events move the board (before the listeners hear them). */
    private void fileEvent(DesktopEvent event) {
        if (event instanceof DesktopEvent.FileOffered o) {
            files.offered(o.file());
        } else if (event instanceof DesktopEvent.FileAnswered a) {
            files.answered(a.fileId(), a.accepted());
        } else if (event instanceof DesktopEvent.FileMoved m) {
            files.progress(m.fileId(), m.upload(), m.bytesDone(), m.totalBytes(), m.direct());
        } else if (event instanceof DesktopEvent.FileDone d) {
            files.completed(d.fileId(), d.upload(), d.file());
        } else if (event instanceof DesktopEvent.FileFailed f) {
            files.failed(f.fileId(), f.reason(), f.declined());
        }
    }

    /** Every file of this session and where its transfer stands (FX thread). */
    public FileBoard files() {
        return files;
    }

    /** Where accepted files go (the settings' download folder). */
    public ObjectProperty<Path> downloadDirProperty() {
        return downloadDir;
    }

    public void addListener(Consumer<DesktopEvent> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<DesktopEvent> listener) {
        listeners.remove(listener);
    }

    public MessengerGateway gateway() {
        return gateway;
    }

    public SocialGateway social() {
        return gateway.social();
    }

    public ReadOnlyObjectProperty<ConnectionState> connectionProperty() {
        return connection;
    }

    public ObjectProperty<SelfProfile> selfProperty() {
        return self;
    }

    public long selfId() {
        return self.get().userId();
    }

    /** Runs blocking library work on the I/O thread, then {@code then} (or {@code failed}) on the UI thread. */
    public <T> void io(Callable<T> work, Consumer<T> then, Consumer<Failure> failed) {
        onIo(() -> {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                Failure f = Failures.of(e);
                ui.execute(() -> failed.accept(f));
                return;
            }
            ui.execute(() -> then.accept(result));
        });
    }

    /** Starts a request on the I/O thread and hands its answer (or failure) to the UI thread. */
    public <T> void request(Supplier<CompletableFuture<T>> call, Consumer<T> then, Consumer<Failure> failed) {
        onIo(() -> {
            CompletableFuture<T> f;
            try {
                f = call.get();
            } catch (RuntimeException e) {
                Failure failure = Failures.of(e);
                ui.execute(() -> failed.accept(failure));
                return;
            }
            f.whenComplete((result, error) -> ui.execute(() -> {
                if (error != null) {
                    failed.accept(Failures.of(error));
                } else {
                    then.accept(result);
                }
            }));
        });
    }

    private void onIo(Runnable work) {
        try {
            io.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the application is closing: nothing is waiting for this answer any more
        }
    }

    public Executor ui() {
        return ui;
    }

    @Override
    public void close() {
        listeners.clear();
        gateway.close();
    }
}
