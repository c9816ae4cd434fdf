package im.magpie.client.internal;

import im.magpie.client.history.OutboxEntry;
import java.util.concurrent.CompletionStage;

/**
 * The outbox's one hook for direct channels: before a queued message goes to the server, the
 * detour may deliver it directly. The message then still goes to the server, marked
 * {@code delivered_directly} (stored for the users' other devices and the server history, not
 * pushed to the recipient again); if the detour could not deliver it, it goes as usual. Either
 * way with the same client message id, so nothing is lost or doubled.
 */
@FunctionalInterface
public interface OutboxDetour {
    /** No detour: everything through the server. */
    OutboxDetour NONE = entry -> null;

    /**
     * Null to send through the server at once; else a stage completing true when the peer
     * acknowledged the message directly, false to send it through the server as usual.
     */
    CompletionStage<Boolean> tryDirect(OutboxEntry entry);
}
