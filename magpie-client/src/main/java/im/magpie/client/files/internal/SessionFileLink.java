package im.magpie.client.files.internal;

import im.magpie.client.MessengerEvent;
import im.magpie.client.internal.ListenerHub;
import im.magpie.client.internal.session.Session;
import im.magpie.protocol.proto.Frame;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** {@link FileLink} over a messenger's {@link Session} and its listener hub. */
public final class SessionFileLink implements FileLink {
    private final Session session;
    private final ListenerHub<MessengerEvent> events;

    public SessionFileLink(Session session, ListenerHub<MessengerEvent> events) {
        this.session = session;
        this.events = events;
    }

    @Override
    public CompletableFuture<Frame> request(Frame.Builder body, Frame.BodyCase expected) {
        return session.request(body, expected);
    }

    @Override
    public long selfUserId() {
        return session.selfUserId();
    }

    @Override
    public void publish(MessengerEvent event) {
        events.publish(event);
    }

    @Override
    public Runnable listen(Consumer<MessengerEvent> listener) {
        Object key = new Object();
        events.add(events.libraryThread(), key, listener);
        return () -> events.remove(key);
    }
}
