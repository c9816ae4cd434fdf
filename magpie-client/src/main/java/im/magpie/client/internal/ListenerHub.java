package im.magpie.client.internal;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to listeners, each on the executor it registered with (by default one library
 * thread), in publication order per listener as long as that executor runs tasks in order.
 * A listener that throws is logged and keeps its registration.
 */
public final class ListenerHub<E> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ListenerHub.class);

    /** @param key what {@link #remove} is given: the caller's listener, not the adapter that calls it */
    private record Registration<E>(Executor executor, Object key, Consumer<? super E> listener) {}

    private final CopyOnWriteArrayList<Registration<E>> registrations = new CopyOnWriteArrayList<>();
    private final ExecutorService libraryThread;

    public ListenerHub(String threadName) {
        this.libraryThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** The default delivery thread. */
    public Executor libraryThread() {
        return this::runOnLibraryThread;
    }

    private void runOnLibraryThread(Runnable task) {
        try {
            libraryThread.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("event after close dropped");
        }
    }

    public void add(Executor executor, Consumer<? super E> listener) {
        add(executor, listener, listener);
    }

    /** Registers {@code listener}, to be removed by {@code key} (an adapter's caller-side identity). */
    public void add(Executor executor, Object key, Consumer<? super E> listener) {
        registrations.add(new Registration<>(executor, key, listener));
    }

    /** Removes every registration made with {@code key}. */
    public void remove(Object key) {
        registrations.removeIf(r -> r.key() == key);
    }

    public void publish(E event) {
        for (Registration<E> r : registrations) {
            try {
                r.executor().execute(() -> {
                    try {
                        r.listener().accept(event);
                    } catch (RuntimeException e) {
                        log.warn("listener {} failed on {}", r.listener(), event.getClass().getSimpleName(), e);
                    }
                });
            } catch (RejectedExecutionException e) {
                log.debug("listener executor refused an event: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        libraryThread.shutdown();
    }
}
