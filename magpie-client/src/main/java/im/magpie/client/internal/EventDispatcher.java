package im.magpie.client.internal;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one library thread that delivers events to listeners and completes request futures, in
 * arrival order, off the network threads.
 */
public final class EventDispatcher implements java.util.concurrent.Executor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final CopyOnWriteArrayList<ClientListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread;

    public EventDispatcher(String threadName) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    public void add(ClientListener listener) {
        listeners.add(listener);
    }

    public void remove(ClientListener listener) {
        listeners.remove(listener);
    }

    public void publish(ClientEvent event) {
        execute(() -> {
            for (ClientListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    log.warn("listener {} failed on {}", listener, event, e);
                }
            }
        });
    }

    /** Runs {@code task} on the dispatcher thread; after close, runs it on the caller's thread. */
    @Override
    public void execute(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    @Override
    public void close() {
        thread.shutdown();
    }
}
