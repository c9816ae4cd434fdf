package im.magpie.client.internal;

import im.magpie.client.MessengerEvent;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.IncomingMessage;
import im.magpie.client.history.PeerKind;
import im.magpie.client.history.PeerRef;
import im.magpie.client.p2p.DirectChannelException;
import im.magpie.client.p2p.DirectChannels;
import im.magpie.client.p2p.DirectMessage;
import im.magpie.client.p2p.DirectSettings;
import im.magpie.client.p2p.ServerIntroducer;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a messenger session uses {@link DirectChannels}, in one place (so a new session core re-hooks
 * it in one place): introductions over the session's requests, offers from its pushes, received
 * messages into its history and events, path changes as events, and the outbox's detour.
 */
public final class DirectWiring {
    private static final Logger log = LoggerFactory.getLogger(DirectWiring.class);

    private DirectWiring() {}

    /**
     * Starts the channels when {@code settings} enable them and the listener can bind; otherwise
     * returns null and declines every introduction at once (so a friend does not wait for the
     * server's timeout).
     */
    public static DirectChannels start(DirectSettings settings, LongSupplier selfUserId, ServerIntroducer.Requests requests,
                                       HistoryStore history, ListenerHub<MessengerEvent> events) {
        ServerIntroducer introducer = new ServerIntroducer(requests);
        DirectChannels channels = null;
        if (settings.enabled()) {
            try {
                channels = new DirectChannels(settings, selfUserId, introducer,
                        m -> history.insertIncoming(IncomingMessage.text(0, m.clientMsgId(), PeerRef.user(m.senderId()),
                                        m.senderId(), m.timeMs(), m.text()))
                                .ifPresent(added -> events.publish(new MessengerEvent.MessagesReceived(List.of(added)))),
                        change -> events.publish(new MessengerEvent.PathChanged(PeerRef.user(change.peerUserId()),
                                change.path(), change.reason())));
            } catch (DirectChannelException e) {
                log.warn("direct channels off: {}", e.getMessage()); // e.g. the configured port is taken
            }
        }
        DirectChannels started = channels;
        events.add(Runnable::run, event -> {
            if (!(event instanceof MessengerEvent.Push push)) return;
            ServerIntroducer.offerIn(push.frame()).ifPresent(offer -> {
                if (started != null) started.onOffer(offer);
                else introducer.answer(offer.introId(), null);
            });
        });
        return channels;
    }

    /** The outbox's detour: one-to-one messages are tried over the channel first. */
    public static OutboxDetour detour(DirectChannels channels) {
        return entry -> entry.to().kind() != PeerKind.USER ? null
                : channels.deliver(new DirectMessage(entry.clientMsgId(), 0, entry.to().id(), entry.enqueuedMs(),
                        entry.text(), entry.replyToMessageId()));
    }
}
