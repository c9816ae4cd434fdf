package im.magpie.client.files.internal;

import im.magpie.client.Messenger;
import im.magpie.client.MessengerEvent;
import im.magpie.client.MessengerListener;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.InboxEvent;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@link FileLink} over a {@link Messenger}: {@code Messenger.request}, and the inbox events the
 * session hands on as {@code MessengerEvent.Notice} (pushed or synced, each once, in order).
 */
final class MessengerFileLink implements FileLink {
    private final Messenger messenger;

    MessengerFileLink(Messenger messenger) {
        this.messenger = messenger;
    }

    @Override
    public CompletableFuture<Frame> request(Frame.Builder body, Frame.BodyCase expected) {
        return messenger.request(body, expected);
    }

    @Override
    public long selfUserId() {
        return messenger.userId();
    }

    @Override
    public Runnable onInboxEvent(Consumer<InboxEvent> listener) {
        MessengerListener l = event -> {
            if (event instanceof MessengerEvent.Notice notice) listener.accept(notice.event());
        };
        messenger.addListener(l);
        return () -> messenger.removeListener(l);
    }
}
