package im.magpie.client.files.internal;

import im.magpie.client.ClientEvent;
import im.magpie.client.ClientListener;
import im.magpie.client.MagpieClient;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.InboxEvent;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** {@link FileLink} over one {@link MagpieClient}: its requests and its pushed inbox events. */
final class ClientFileLink implements FileLink {
    private final MagpieClient client;

    ClientFileLink(MagpieClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<Frame> request(Frame.Builder body, Frame.BodyCase expected) {
        return client.request(body, expected);
    }

    @Override
    public long selfUserId() {
        return client.session().map(ok -> ok.getSelf().getUserId()).orElse(0L);
    }

    @Override
    public Runnable onInboxEvent(Consumer<InboxEvent> listener) {
        ClientListener l = event -> {
            if (event instanceof ClientEvent.Push push && push.frame().hasEvent()) listener.accept(push.frame().getEvent().getEvent());
        };
        client.addListener(l);
        return () -> client.removeListener(l);
    }
}
